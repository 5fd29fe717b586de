import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildPlan,
  ConfigError,
  historyWindow,
  isSync360Error,
  planHistory,
  Sync360Error,
  type CatalogueTraining,
  type HistoryItem,
  type HistoryPlan,
  type HistoryWarning,
  type HistoryWindow,
  type RealizedTraining,
  type Report,
} from '@sync360/core';
import { api360Defaults, readLearningHistory } from '@sync360/api360';
import { createLuccaTrainingClient, type LuccaTrainingClient } from '@sync360/lucca';
import type { CliFlags, Io } from '../cli.js';
import { exitCodeFor, exitCodes } from '../cli.js';
import type { AlertConfig, RunnerConfig } from '../config/runner-config.js';
import { buildReport } from '../report/build-report.js';
import { publishReport } from '../report/publish-report.js';
import { loadSource, withoutQuotedData } from '../source.js';
import {
  readHistoryState,
  readSavedPlan,
  saveHistoryState,
  savePlan,
  type HistoryState,
} from '../state/history-store.js';
import { removeLeftovers } from '../state/local-files.js';
import { acquireRunLock } from '../state/run-lock.js';

type Outcome = Report['outcome'];

/** What the run got to, kept when a later stage throws. */
interface Progress {
  window: HistoryWindow | null;
  plan: HistoryPlan | null;
  items: ReadonlyArray<HistoryItem>;
  planSha256: string | null;
  employees: number;
  counts: Report['counts'] | null;
  /** 360Learning rows without a field history reads (skipped). */
  unreadable: number;
  names: Map<string, string>;
  recorded: number;
  created: number;
  /** Planned records Lucca already held when they were about to be written. */
  alreadyThere: number;
  outcome: Outcome;
  held: boolean;
  readonly warnings: HistoryWarning[];
}

const key = (ownerId: string | number, trainingId: number, endsOn: string): string =>
  `${String(ownerId)}|${String(trainingId)}|${endsOn}`;

const titleKey = (title: string): string => title.trim().toLowerCase();

const rejected = (what: string, status: number, item: HistoryItem | null): HistoryWarning => ({
  code: 'history-rejected',
  message: `Lucca refused ${what} (HTTP ${String(status)}, history-rejected)${
    item === null ? '' : ` for employee ${item.employeeNumber}, ended ${item.sessionEndsOn}`
  }: the others went on`,
  userId: null,
  title: item?.title ?? null,
});

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

/**
 * Writes the items: each missing training once (title only), then each record not already in
 * Lucca. One refusal is a warning and the rest go on; an outage throws, with the counts kept.
 */
const apply = async (
  client: LuccaTrainingClient,
  items: ReadonlyArray<HistoryItem>,
  catalogue: ReadonlyArray<CatalogueTraining>,
  existing: ReadonlyArray<RealizedTraining>,
  progress: Progress,
): Promise<void> => {
  const ready = new Map<string, number[]>();
  for (const training of catalogue)
    if (training.state.toLowerCase() === 'ready')
      ready.set(titleKey(training.title), [
        ...(ready.get(titleKey(training.title)) ?? []),
        training.id,
      ]);
  const present = new Set(existing.map((r) => key(r.ownerId, r.trainingId, r.sessionEndsOn)));
  const trainingIds = new Map<string, number | null>();
  const trainingOf = async (item: HistoryItem): Promise<number | null> => {
    if (item.trainingId !== null) return item.trainingId;
    const title = titleKey(item.title);
    const known = trainingIds.get(title);
    if (known !== undefined) return known;
    // Created since the plan (by hand, or by an earlier approval): use it, never a twin.
    const found = ready.get(title) ?? [];
    if (found.length > 1) {
      progress.warnings.push({
        code: 'history-training-ambiguous',
        message: `${String(found.length)} Ready trainings in Lucca are now titled "${item.title}": nothing recorded for it`,
        userId: null,
        title: item.title,
      });
      trainingIds.set(title, null);
      return null;
    }
    if (found[0] !== undefined) {
      trainingIds.set(title, found[0]);
      return found[0];
    }
    const made = await client.createTraining(item.title);
    if (made.ok) progress.created += 1;
    else
      progress.warnings.push(rejected(`to create the training "${item.title}"`, made.status, null));
    trainingIds.set(title, made.ok ? made.value : null);
    return made.ok ? made.value : null;
  };
  for (const item of items) {
    const trainingId = await trainingOf(item);
    if (trainingId === null) continue;
    if (present.has(key(item.luccaId, trainingId, item.sessionEndsOn))) {
      progress.alreadyThere += 1;
      continue;
    }
    const ownerId = Number(item.luccaId);
    if (!Number.isSafeInteger(ownerId) || ownerId < 1) {
      progress.warnings.push(rejected('the record (the Lucca id is not a number)', 400, item));
      continue;
    }
    const written = await client.recordRealized({
      ownerId,
      trainingId,
      sessionStartsOn: item.sessionStartsOn,
      sessionEndsOn: item.sessionEndsOn,
      durationInHours: item.durationInHours,
    });
    if (written.ok) {
      progress.recorded += 1;
      present.add(key(item.luccaId, trainingId, item.sessionEndsOn));
    } else progress.warnings.push(rejected('a record', written.status, item));
  }
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
  progress: Progress,
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
        await apply(client, saved.items, catalogue, existing, progress);
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
      await apply(client, plan.items, catalogue, existing, progress);
    } finally {
      if (progress.recorded + progress.created > 0) await remember(plan.sha256);
    }
    progress.outcome = 'delivered';
  } finally {
    await lock?.release();
  }
};

const internalError = (error: unknown): Sync360Error =>
  new Sync360Error(
    'internal',
    'internal',
    `Unexpected error: ${error instanceof Error ? error.message : String(error)}.`,
    'Rerun; if it persists, open an issue with the report (never paste secrets).',
  );

const itemLine = (item: HistoryItem, name: string | undefined, redact: boolean): string => {
  const who =
    redact || name === undefined ? item.employeeNumber : `${name} (${item.employeeNumber})`;
  return `  ${item.sessionEndsOn}  ${who}: ${item.title}, ${String(item.durationInHours)} h${item.create ? ' (new training)' : ''}`;
};

const printHistory = (report: Report, progress: Progress, redact: boolean, io: Io): void => {
  const history = report.history ?? null;
  if (report.failure !== null && report.outcome === 'failed') {
    io.err(`Error [${report.failure.code}]: ${report.failure.message}`);
    io.err(`What to do: ${report.failure.hint}`);
  }
  if (history === null) return;
  const lines = [
    `sync360 history — ${report.outcome}${report.forced ? ' (forced)' : ''}`,
    `Window: completed from ${history.window.from} to before ${history.window.until}`,
    `Read ${String(history.read)} completions · matched ${String(history.matched)} · already in Lucca ${String(history.skippedExisting)} · planned ${String(history.planned)} · recorded ${String(history.recorded)} · trainings created ${String(history.created)}`,
  ];
  if (history.planSha256 !== null) lines.push(`Plan sha256: ${history.planSha256}`);
  if (progress.items.length > 0) {
    lines.push('', 'Plan:');
    for (const item of progress.items.slice(0, 200))
      lines.push(itemLine(item, progress.names.get(item.luccaId), redact));
    if (progress.items.length > 200)
      lines.push(`  … and ${String(progress.items.length - 200)} more in the report`);
  }
  if (history.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of history.warnings) lines.push(`  [${warning.code}] ${warning.message}`);
  }
  if (report.failure !== null && report.outcome === 'blocked')
    lines.push(
      '',
      `Held [${report.failure.code}]: ${report.failure.message}`,
      `What to do: ${report.failure.hint}`,
    );
  io.out(lines.join('\n'));
};

/** Markdown for `$GITHUB_STEP_SUMMARY`: counts, codes and the sha; never a name or a mail. */
const stepSummary = (report: Report): string => {
  const history = report.history ?? null;
  const lines = [`## sync360 history — ${report.outcome}${report.forced ? ' (forced)' : ''}`, ''];
  if (history !== null)
    lines.push(
      `Window: completed from \`${history.window.from}\` to before \`${history.window.until}\``,
      '',
      '| Read | Matched | Already in Lucca | Planned | Recorded | Trainings created | Warnings |',
      '|---|---|---|---|---|---|---|',
      `| ${[history.read, history.matched, history.skippedExisting, history.planned, history.recorded, history.created, history.warnings.length].map(String).join(' | ')} |`,
      '',
      ...(history.planSha256 === null ? [] : [`Plan sha256: \`${history.planSha256}\``, '']),
      ...[...new Set(history.warnings.map((warning) => warning.code))].map(
        (code) =>
          `- ${code}: ${String(history.warnings.filter((warning) => warning.code === code).length)}`,
      ),
    );
  if (report.failure !== null)
    lines.push(
      '',
      `**${report.outcome === 'blocked' ? 'Held' : 'Failed'} (${report.failure.code}):** ${report.failure.message}`,
      '',
      `What to do: ${report.failure.hint}`,
    );
  return `${lines.join('\n')}\n`;
};

/** `sync360 history`: 360Learning completions of the window recorded as realized trainings. */
export const historyCommand = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): Promise<number> => {
  const startedAt = new Date();
  const redact = flags.redact || config.inGithubActions;
  const progress: Progress = {
    window: null,
    plan: null,
    items: [],
    planSha256: null,
    employees: 0,
    counts: null,
    unreadable: 0,
    names: new Map(),
    recorded: 0,
    created: 0,
    alreadyThere: 0,
    outcome: 'failed',
    held: false,
    warnings: [],
  };
  let failure: Sync360Error | null = null;
  try {
    await execute(flags, config, io, progress, redact);
  } catch (error) {
    failure = isSync360Error(error) ? error : internalError(error);
    if (failure.kind !== 'guard') progress.outcome = 'failed';
  }
  const clean = redact ? withoutQuotedData : (text: string): string => text;
  const warnings = progress.warnings.map((warning) => ({ ...warning }));
  const plan = progress.plan;
  const base = buildReport({
    outcome: progress.outcome,
    startedAt,
    today: config.today,
    forced: flags.force,
    approvedSha256: flags.approve === null ? null : progress.planSha256,
    approvalMismatch: false,
    source:
      progress.employees > 0 || plan !== null
        ? { kind: 'lucca-api', employees: progress.employees }
        : null,
    plan: null,
    fileName: null,
    destination: null,
    warnings: [
      ...warnings.map((warning) => `${warning.code}: ${warning.message}`),
      ...(plan !== null && plan.withoutMail > 0
        ? [`${String(plan.withoutMail)} 360Learning users without a mail were skipped`]
        : []),
      ...(progress.unreadable > 0
        ? [
            `${String(progress.unreadable)} 360Learning statistics rows lacked a field history reads (user, path or course, status, time spent): skipped`,
          ]
        : []),
    ].map(clean),
    failure:
      failure === null
        ? null
        : new Sync360Error(failure.kind, failure.code, clean(failure.message), clean(failure.hint)),
  });
  const report: Report = {
    ...base,
    counts: progress.counts ?? base.counts,
    guard: progress.held ? { tripped: true, reasons: ['history-review'] } : base.guard,
    history:
      progress.window === null
        ? null
        : {
            window: { ...progress.window },
            read: plan?.read ?? 0,
            matched: plan?.matched ?? progress.items.length,
            withoutMail: plan?.withoutMail ?? 0,
            planned: progress.items.length,
            recorded: progress.recorded,
            skippedExisting: (plan?.skippedExisting ?? 0) + progress.alreadyThere,
            created: progress.created,
            warnings,
            planSha256: progress.planSha256,
            items: progress.items.map(
              ({ luccaId, employeeNumber, title, sessionEndsOn, create }) => ({
                luccaId,
                employeeNumber,
                title,
                sessionEndsOn,
                create,
              }),
            ),
          },
  };
  let slackWarning: string | null = null;
  if (config.slack !== null) {
    const { notifyHistoryToSlack } = await import('../notify/history-notify.js');
    slackWarning = await notifyHistoryToSlack(config.slack, report, progress.names, config.runUrl);
  }
  const extra: string[] = slackWarning === null ? [] : [`Slack: ${slackWarning}`];
  if (config.stepSummaryPath !== null)
    await appendFile(config.stepSummaryPath, stepSummary(report), { mode: 0o600 }).catch(
      (error: unknown) =>
        extra.push(
          `could not write the step summary (${error instanceof Error ? error.message : String(error)})`,
        ),
    );
  const published = await publishReport(
    { ...report, warnings: [...report.warnings, ...extra] },
    { ...config, stepSummaryPath: null },
    flags.report,
    false,
  );
  if (flags.json) {
    io.out(
      JSON.stringify(
        published.outcome === 'failed' && published.failure !== null
          ? { error: published.failure }
          : published,
        null,
        2,
      ),
    );
  } else printHistory(published, progress, redact, io);
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
): Promise<ReadonlyArray<string>> => {
  const report = buildReport({
    outcome: 'failed',
    startedAt: new Date(),
    today: alert.today,
    forced: false,
    approvedSha256: null,
    approvalMismatch: false,
    source: null,
    plan: null,
    fileName: null,
    destination: null,
    warnings: [],
    failure,
  });
  let warnings: string[] = [];
  if (alert.slack !== null) {
    const { notifyHistoryToSlack } = await import('../notify/history-notify.js');
    const warning = await notifyHistoryToSlack(alert.slack, report, new Map(), alert.runUrl);
    if (warning !== null) warnings = [`Slack: ${warning}`];
  }
  const published = await publishReport(
    { ...report, warnings },
    { ...alert, stepSummaryPath: null },
    reportPath,
    false,
  );
  return published.warnings;
};
