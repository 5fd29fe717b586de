import { join } from 'node:path';
import { buildPlan, ConfigError, historyWindow, planHistory, Sync360Error } from '@sync360/core';
import { api360Defaults, readLearningHistory } from '@sync360/api360';
import { createLuccaTrainingClient, type LuccaTrainingClient } from '@sync360/lucca';
import type { CliFlags, Io } from '../cli.js';
import { exitCodeFor, exitCodes } from '../cli.js';
import type { AlertConfig, RunnerConfig } from '../config/runner-config.js';
import { earlyFailureReport, failureOf } from '../report/build-report.js';
import { printHistory } from '../report/history-console.js';
import {
  historyReport,
  newHistoryProgress,
  publishHistory,
  type HistoryProgress,
} from '../report/history-report.js';
import { loadSource } from '../source.js';
import {
  readHistoryState,
  readSavedPlan,
  saveHistoryState,
  savePlan,
  type HistoryState,
} from '../state/history-store.js';
import { removeLeftovers } from '../state/local-files.js';
import { acquireRunLock } from '../state/run-lock.js';
import { applyHistory } from './history-apply.js';

const required = <T>(value: T | null, variable: string): T => {
  if (value !== null) return value;
  throw new ConfigError(
    'config-invalid',
    `${variable} is not set: \`sync360 history\` needs it.`,
    'See README, "Learning history".',
  );
};

const trainingClient = (
  config: RunnerConfig,
  redact: boolean,
  io: Io,
  remembered: HistoryState['trainingField'],
): LuccaTrainingClient => {
  const lucca = required(config.lucca, 'LUCCA_BASE_URL');
  return createLuccaTrainingClient(
    {
      baseUrl: lucca.baseUrl,
      apiKey: required(config.history.trainingApiKey, 'LUCCA_TRAINING_API_KEY'),
      timeoutMs: lucca.timeoutMs,
      maxRetries: lucca.maxRetries,
      retryBaseDelayMs: lucca.retryBaseDelayMs,
      redactData: redact,
      onProgress: (line) => io.err(line),
    },
    remembered,
  );
};

const reviewFailure = (sha256: string, writes: number, firstRun: boolean, cap: number) =>
  new Sync360Error(
    'guard',
    'history-review',
    firstRun
      ? `The first learning-history plan waits for a review: ${String(writes)} writes planned, nothing written to Lucca.`
      : `The learning-history plan holds ${String(writes)} writes, more than SYNC360_HISTORY_MAX_RECORDS (${String(cap)}): nothing written to Lucca.`,
    `Review the list (the report's history.items, or the HR channel). If it is right: sync360 history --approve ${sha256} (or the Approve button in Slack, or the history workflow's approve_sha256 input).`,
  );

const execute = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
  progress: HistoryProgress,
  redact: boolean,
): Promise<void> => {
  if (flags.approve !== null && (flags.force || flags.dryRun))
    throw new ConfigError(
      'usage',
      '--approve applies the saved plan: it goes without --force and --dry-run.',
      'Run `sync360 history --help`.',
    );
  const folder = join(config.stateDir, 'history');
  const lock = flags.dryRun
    ? null
    : await acquireRunLock(folder, { onWait: (line) => io.err(line) });
  try {
    if (lock !== null && (await removeLeftovers(folder)).length > 0)
      io.err(`Removed temporary files left by an interrupted history run in ${folder}.`);
    const state = await readHistoryState(folder);
    const client = trainingClient(config, redact, io, state.trainingField);
    const remember = async (sha256: string): Promise<void> =>
      saveHistoryState(folder, { appliedSha256: sha256, trainingField: client.trainingField() });

    if (flags.approve !== null) {
      const saved = await readSavedPlan(folder);
      if (saved === null || !saved.sha256.startsWith(flags.approve)) {
        progress.outcome = 'blocked';
        throw new Sync360Error(
          'guard',
          'history-approval-mismatch',
          saved === null
            ? `No saved learning-history plan to approve in ${folder}: nothing written.`
            : `The approval names ${flags.approve}, the saved plan is ${saved.sha256}: nothing written (a later run planned again).`,
          'Run `sync360 history` to plan again, review it, then approve the sha256 it prints.',
        );
      }
      progress.window = saved.window;
      progress.items = saved.items;
      progress.planSha256 = saved.sha256;
      // Re-checked just before writing: what is already in Lucca is never written twice.
      const catalogue = await client.listTrainings();
      const existing = await client.listRealized(saved.window.from.slice(0, 10));
      try {
        await applyHistory(client, saved.items, catalogue, existing, progress);
      } finally {
        if (progress.recorded + progress.created > 0 || progress.items.length === 0)
          await remember(saved.sha256);
      }
      progress.outcome = 'delivered';
      return;
    }

    const window = historyWindow(config.today, config.history.days, config.history.timeZone);
    progress.window = window;
    // Stage order: Lucca (users, catalogue, records) first, then 360Learning.
    const source = await loadSource(
      config,
      { input: null, definitions: null },
      config.today,
      (line) => io.err(line),
      redact,
    );
    progress.employees = source.records.length;
    const built = buildPlan({
      records: source.records,
      previousRows: null,
      today: config.today,
      options: config.plan,
    });
    progress.counts = {
      active: built.counts.active,
      inactive: built.counts.inactive,
      notExported: built.counts.notExported,
      errors: built.counts.errors,
      warnings: built.counts.warnings,
    };
    for (const employee of built.employees)
      if (employee.luccaId !== null) progress.names.set(employee.luccaId, employee.name);
    const catalogue = await client.listTrainings();
    // The UTC date of the window's first instant is never after its first local day.
    const existing = await client.listRealized(window.from.slice(0, 10));
    const api360 = required(config.history.api360, 'API360_CLIENT_ID');
    const learning = await readLearningHistory(
      { ...api360Defaults, ...api360 },
      window,
      config.history.courses,
      (line) => io.err(line),
    );
    progress.unreadable = learning.unreadable;
    const plan = planHistory({
      window,
      timeZone: config.history.timeZone,
      paths: learning.paths,
      courses: learning.courses,
      pathNames: learning.pathNames,
      courseNames: learning.courseNames,
      userMails: learning.userMails,
      rows: built.rows,
      employees: built.employees,
      catalogue,
      existing,
      createTrainings: config.history.createTrainings,
    });
    progress.plan = plan;
    progress.items = plan.items;
    progress.planSha256 = plan.sha256;
    progress.warnings.push(...plan.warnings);
    if (flags.dryRun) {
      progress.outcome = 'dry-run';
      return;
    }
    await savePlan(folder, { sha256: plan.sha256, window, items: plan.items });
    const writes = plan.items.length + plan.trainingsToCreate.length;
    const firstRun = state.appliedSha256 === null;
    if (writes > 0 && !flags.force && (firstRun || writes > config.history.maxRecords)) {
      progress.outcome = 'blocked';
      progress.held = true;
      throw reviewFailure(plan.sha256, writes, firstRun, config.history.maxRecords);
    }
    try {
      await applyHistory(client, plan.items, catalogue, existing, progress);
    } finally {
      if (progress.recorded + progress.created > 0) await remember(plan.sha256);
    }
    progress.outcome = 'delivered';
  } finally {
    await lock?.release();
  }
};

/** `sync360 history`: 360Learning completions of the window recorded as realized trainings. */
export const historyCommand = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): Promise<number> => {
  const startedAt = new Date();
  const redact = flags.redact || config.inGithubActions;
  const progress = newHistoryProgress();
  let failure: Sync360Error | null = null;
  try {
    await execute(flags, config, io, progress, redact);
  } catch (error) {
    failure = failureOf(error);
    if (failure.kind !== 'guard') progress.outcome = 'failed';
  }
  const report = historyReport(progress, failure, {
    startedAt,
    today: config.today,
    forced: flags.force,
    approving: flags.approve !== null,
    redact,
  });
  const published = await publishHistory(report, progress.names, config, flags.report, {
    stepSummary: true,
  });
  printHistory(published, progress, { json: flags.json, redact }, io);
  if (failure !== null) return exitCodeFor(failure.kind);
  return exitCodes.ok;
};

/**
 * A `history` stopped by its command line or environment still writes `--report` (outcome
 * failed) and tells the ops channel when Slack's own variables are fine. Returns the warnings.
 */
export const reportEarlyHistoryFailure = async (
  failure: Sync360Error,
  alert: AlertConfig,
  reportPath: string | null,
): Promise<ReadonlyArray<string>> =>
  (
    await publishHistory(earlyFailureReport(failure, alert.today), new Map(), alert, reportPath, {
      stepSummary: false,
    })
  ).warnings;
