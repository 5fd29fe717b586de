import { buildPlan, ConfigError, isSync360Error, Sync360Error, type Plan, type Report } from '@sync360/core';
import type { CliFlags } from '../cli/args.js';
import { exitCodeFor, exitCodes } from '../cli/exit-codes.js';
import { fileNameFor, todayIn } from '../clock.js';
import type { RunnerConfig } from '../config/runner-config.js';
import { deliverFile } from '../delivery/deliver.js';
import type { Io } from '../io.js';
import { printRunOutput } from '../output/print-run.js';
import { buildReport } from '../report/build-report.js';
import { publishReport } from '../report/publish-report.js';
import { loadSource, sourceKindFor, type LoadedSource } from '../source/load-source.js';
import { acquireRunLock } from '../state/run-lock.js';
import { readLastDelivered, saveLastDelivered } from '../state/state-store.js';
import { decide } from './run-outcome.js';

const internalError = (error: unknown): Sync360Error =>
  new Sync360Error('internal', 'internal', `Unexpected error: ${error instanceof Error ? error.message : String(error)}.`, 'Rerun; if it persists, open an issue with the report (never paste secrets).');

/** The nightly job: fetch -> build -> validate -> diff -> guard -> deliver -> report -> notify. */
export const runCommand = async (flags: CliFlags, config: RunnerConfig, io: Io): Promise<number> => {
  const startedAt = new Date();
  const today = config.todayOverride ?? todayIn(config.timeZone);
  const sourceKind = sourceKindFor(config, flags);
  let source: LoadedSource = { kind: sourceKind, records: [], warnings: [] };
  let plan: Plan | null = null;
  let outcome: Report['outcome'] = 'failed';
  let exitCode: number = exitCodes.internal;
  let failure: Sync360Error | null = null;
  let destination: Report['destination'] = null;
  const fileName = fileNameFor(config.fileNameTemplate, today);
  let lock: { release: () => Promise<void> } | null = null;
  try {
    if (sourceKind === 'demo' && config.sftp !== null && flags.out === null) {
      throw new ConfigError('demo-to-sftp', 'Demo data is never delivered by SFTP, but SFTP_HOST is set and no Lucca source is configured.', 'Set LUCCA_BASE_URL and LUCCA_API_KEY (or --input FILE), or unset SFTP_HOST to try the demo locally.');
    }
    lock = flags.dryRun ? null : await acquireRunLock(config.stateDir);
    const previous = await readLastDelivered(config.stateDir);
    source = await loadSource(config, flags, today, io.err);
    plan = buildPlan({ records: source.records, previousRows: previous, today, options: config.plan });
    const decision = decide(plan, flags);
    ({ outcome, exitCode, failure } = decision);
    if (decision.deliver) {
      destination = await deliverFile(config, flags.out, { name: fileName, bytes: plan.file.bytes }, io.err);
      await saveLastDelivered(config.stateDir, plan.file.bytes);
    }
  } catch (error) {
    failure = isSync360Error(error) ? error : internalError(error);
    outcome = 'failed';
    exitCode = exitCodeFor(failure.kind);
    destination = null;
  } finally {
    await lock?.release();
  }
  const built = buildReport({
    outcome,
    startedAt,
    today,
    forced: flags.force && plan?.guard.tripped === true,
    source: { kind: source.kind, employees: source.records.length },
    plan,
    fileName,
    destination,
    warnings: source.warnings,
    failure,
  });
  const report = await publishReport(built, config, flags.report);
  printRunOutput(report, plan, flags, config, io);
  return exitCode;
};
