import { appendFile } from 'node:fs/promises';
import {
  Sync360Error,
  type HistoryItem,
  type HistoryPlan,
  type HistoryWarning,
  type HistoryWindow,
  type Report,
} from '@sync360/core';
import type { AlertConfig } from '../config/runner-config.js';
import { withoutQuotedData } from '../source.js';
import { buildReport } from './build-report.js';
import { publishReport } from './publish-report.js';

type Outcome = Report['outcome'];

/** What the run got to, kept when a later stage throws. */
export interface HistoryProgress {
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

export const newHistoryProgress = (): HistoryProgress => ({
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
});

/** The report of a `history` run from what it got to; with `redact`, no quoted outside data. */
export const historyReport = (
  progress: HistoryProgress,
  failure: Sync360Error | null,
  run: {
    readonly startedAt: Date;
    readonly today: string;
    readonly forced: boolean;
    readonly approving: boolean;
    readonly redact: boolean;
  },
): Report => {
  const clean = run.redact ? withoutQuotedData : (text: string): string => text;
  const warnings = progress.warnings.map((warning) => ({ ...warning }));
  const plan = progress.plan;
  const base = buildReport({
    outcome: progress.outcome,
    startedAt: run.startedAt,
    today: run.today,
    forced: run.forced,
    approvedSha256: run.approving ? progress.planSha256 : null,
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
  return {
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
/**
 * Tells the ops channel (when Slack is set), appends the step summary (with `stepSummary`),
 * then writes `--report`; each of them that fails is a warning of the published report.
 */
export const publishHistory = async (
  report: Report,
  names: ReadonlyMap<string, string>,
  alert: AlertConfig,
  reportPath: string | null,
  options: { readonly stepSummary: boolean },
): Promise<Report> => {
  const extra: string[] = [];
  if (alert.slack !== null) {
    const { notifyHistoryToSlack } = await import('../notify/history-notify.js');
    const warning = await notifyHistoryToSlack(alert.slack, report, names, alert.runUrl);
    if (warning !== null) extra.push(`Slack: ${warning}`);
  }
  if (options.stepSummary && alert.stepSummaryPath !== null)
    await appendFile(alert.stepSummaryPath, stepSummary(report), { mode: 0o600 }).catch(
      (error: unknown) =>
        extra.push(
          `could not write the step summary (${error instanceof Error ? error.message : String(error)})`,
        ),
    );
  return publishReport(
    { ...report, warnings: [...report.warnings, ...extra] },
    { ...alert, stepSummaryPath: null },
    reportPath,
    false,
  );
};
