import { buildPlan, ConfigError } from '@sync360/core';
import type { CliFlags } from '../cli/args.js';
import { exitCodes } from '../cli/exit-codes.js';
import { todayIn } from '../clock.js';
import type { RunnerConfig } from '../config/runner-config.js';
import { writeFileAtomic } from '../state/atomic-write.js';
import type { Io } from '../io.js';
import { printRunOutput } from '../output/print-run.js';
import { buildReport } from '../report/build-report.js';
import { publishReport } from '../report/publish-report.js';
import { loadSource } from '../source/load-source.js';
import { basename } from 'node:path';

/** Offline: Lucca users JSON in, 360 CSV out, validation report printed. No state, no delivery. */
export const buildCommand = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): Promise<number> => {
  if (flags.out === null) {
    throw new ConfigError(
      'usage',
      '`sync360 build` needs --out FILE (where to write the 360 CSV).',
      'Example: sync360 build --input users.json --out users.csv',
    );
  }
  const startedAt = new Date();
  const today = config.todayOverride ?? todayIn(config.timeZone);
  const source = await loadSource(config, flags, today, io.err);
  const plan = buildPlan({
    records: source.records,
    previousRows: null,
    today,
    options: config.plan,
  });
  const strictFailure = flags.strict && plan.counts.errors > 0;
  const empty = plan.rows.length === 0;
  if (!strictFailure && !empty) await writeFileAtomic(flags.out, plan.file.bytes);
  const report = buildReport({
    outcome: strictFailure || empty ? 'failed' : 'delivered',
    startedAt,
    today,
    forced: false,
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
  printRunOutput(
    await publishReport(report, { ...config, stepSummaryPath: null }, flags.report, false),
    plan,
    flags,
    config,
    io,
  );
  if (strictFailure) return exitCodes.strict;
  return empty ? exitCodes.guard : exitCodes.ok;
};
