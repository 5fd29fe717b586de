import type { Plan, Report } from '@sync360/core';
import type { CliFlags } from '../cli/args.js';
import type { RunnerConfig } from '../config/runner-config.js';
import type { Io } from '../io.js';
import { redactReport } from './redact-report.js';
import { diffLines, problemLines, reminderLines, summaryLines } from './format-report.js';

export const printRunOutput = (
  report: Report,
  plan: Plan | null,
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): void => {
  if (report.failure !== null && report.outcome === 'failed') {
    io.err(`Error [${report.failure.code}]: ${report.failure.message}`);
    io.err(`What to do: ${report.failure.hint}`);
  }
  const options = { redact: flags.redact || config.inGithubActions, limit: 50 };
  if (flags.json) {
    io.out(JSON.stringify(options.redact ? redactReport(report) : report, null, 2));
    return;
  }
  const sections = [
    summaryLines(report, plan),
    plan === null ? [] : diffLines(plan, options),
    problemLines(report, options),
    plan === null ? [] : reminderLines(report, options),
  ].filter((lines) => lines.length > 0);
  io.out(sections.map((lines) => lines.join('\n')).join('\n\n'));
};
