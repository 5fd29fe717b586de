import {
  buildPlan,
  ConfigError,
  isSync360Error,
  Sync360Error,
  type Plan,
  type Report,
} from '@sync360/core';
import type { CliFlags } from '../cli/args.js';
import { exitCodeFor } from '../cli/exit-codes.js';
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
import { employeeNames } from '../notify/slack-notify.js';
import { decide } from './run-outcome.js';

/** What the run got to, kept even when a later stage throws. */
interface Progress {
  source: LoadedSource;
  plan: Plan | null;
  destination: Report['destination'];
  readonly warnings: string[];
}

interface Ending {
  readonly outcome: Report['outcome'];
  readonly exitCode: number;
  readonly failure: Sync360Error | null;
}

const internalError = (error: unknown): Sync360Error =>
  new Sync360Error(
    'internal',
    'internal',
    `Unexpected error: ${error instanceof Error ? error.message : String(error)}.`,
    'Rerun; if it persists, open an issue with the report (never paste secrets).',
  );

const execute = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
  today: string,
  fileName: string,
  progress: Progress,
): Promise<Ending> => {
  if (progress.source.kind === 'demo' && config.sftp !== null && flags.out === null) {
    throw new ConfigError(
      'demo-to-sftp',
      'Demo data is never delivered by SFTP, but SFTP_HOST is set and no Lucca source is configured.',
      'Set LUCCA_BASE_URL and LUCCA_API_KEY (or --input FILE), or unset SFTP_HOST to try the demo locally.',
    );
  }
  const lock = flags.dryRun ? null : await acquireRunLock(config.stateDir, undefined, io.err);
  try {
    const previous = await readLastDelivered(config.stateDir);
    progress.source = await loadSource(config, flags, today, io.err);
    const plan = buildPlan({
      records: progress.source.records,
      previousRows: previous,
      today,
      options: config.plan,
    });
    progress.plan = plan;
    const decision = decide(plan, flags);
    if (decision.deliver) {
      progress.destination = await deliverFile(
        config,
        flags.out,
        { name: fileName, bytes: plan.file.bytes },
        io.err,
      );
      try {
        await saveLastDelivered(config.stateDir, plan.file.bytes);
      } catch (error) {
        // The file is delivered; only the baseline is stale. Say so loudly rather than fail.
        progress.warnings.push(
          `delivered, but the state could not be saved (${error instanceof Error ? error.message : String(error)}): the next run compares with the previous file; check SYNC360_STATE_DIR`,
        );
      }
    }
    return decision;
  } finally {
    await lock?.release();
  }
};

/** The nightly job: fetch -> build -> validate -> diff -> guard -> deliver -> report -> notify. */
export const runCommand = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): Promise<number> => {
  const startedAt = new Date();
  const today = config.todayOverride ?? todayIn(config.timeZone);
  const fileName = fileNameFor(config.fileNameTemplate, today);
  const progress: Progress = {
    source: { kind: sourceKindFor(config, flags), records: [], warnings: [] },
    plan: null,
    destination: null,
    warnings: [],
  };
  let ending: Ending;
  try {
    ending = await execute(flags, config, io, today, fileName, progress);
  } catch (error) {
    const failure = isSync360Error(error) ? error : internalError(error);
    ending = { outcome: 'failed', exitCode: exitCodeFor(failure.kind), failure };
    progress.destination = null;
  }
  const built = buildReport({
    outcome: ending.outcome,
    startedAt,
    today,
    forced: flags.force && progress.plan?.guard.tripped === true,
    source: { kind: progress.source.kind, employees: progress.source.records.length },
    plan: progress.plan,
    fileName,
    destination: progress.destination,
    warnings: [...progress.source.warnings, ...progress.warnings],
    failure: ending.failure,
  });
  printRunOutput(
    await publishReport(built, config, flags.report, true, {
      names: employeeNames(progress.plan?.rows ?? []),
      approved: built.approvedSha256 !== null,
    }),
    progress.plan,
    flags,
    config,
    io,
  );
  return ending.exitCode;
};
