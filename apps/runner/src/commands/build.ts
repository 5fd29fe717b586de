import { basename } from 'node:path';
import { buildPlan, ConfigError } from '@sync360/core';
import { exitCodes, type CliFlags, type Io } from '../cli.js';
import type { RunnerConfig } from '../config/runner-config.js';
import { buildReport } from '../report/build-report.js';
import { printReport } from '../report/console.js';
import { publishReport } from '../report/publish-report.js';
import { loadSource } from '../source.js';
import { writeFileAtomic } from '../state/local-files.js';

/** Offline: Lucca users JSON in, 360 CSV out, validation report printed. No state, no delivery. */
export const buildCommand = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): Promise<number> => {
  if (flags.out === null) {
    throw new ConfigError(
      'usage',
      '`sync360 build` needs --out FILE (where to write the 360 CSV), e.g. sync360 build --input users.json --out users.csv.',
      'Example: sync360 build --input users.json --out users.csv',
    );
  }
  const startedAt = new Date();
  const redact = flags.redact || config.inGithubActions;
  const source = await loadSource(config, flags, config.today, io.err, redact);
  const plan = buildPlan({
    records: source.records,
    previousRows: null,
    today: config.today,
    options: config.plan,
  });
  const strictFailure = flags.strict && plan.counts.errors > 0;
  const empty = plan.rows.length === 0;
  if (!strictFailure && !empty) await writeFileAtomic(flags.out, plan.file.bytes);
  const report = buildReport({
    outcome: strictFailure || empty ? 'failed' : 'delivered',
    startedAt,
    today: config.today,
    forced: false,
    approvedSha256: null,
    approvalMismatch: false,
    source: { kind: source.kind, employees: source.records.length },
    plan,
    fileName: basename(flags.out),
    destination: strictFailure || empty ? null : { kind: 'local', path: flags.out },
    warnings: [
      ...source.warnings,
      ...(empty ? ['no row would be exported (no-rows): nothing written'] : []),
    ],
    failure: null,
  });
  printReport(
    await publishReport(report, { ...config, stepSummaryPath: null }, flags.report, false),
    plan,
    { json: flags.json, redact, written: true },
    io,
  );
  if (strictFailure) return exitCodes.strict;
  return empty ? exitCodes.guard : exitCodes.ok;
};
