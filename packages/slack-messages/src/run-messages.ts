import type { ActionsBlock, ContextBlock, KnownBlock } from '@slack/types';
import type { ChangeCounts, ErrorKind, Report, RunOutcome } from '@sync360/core';
import {
  contextBlock,
  dividerBlock,
  fieldsBlock,
  headerBlock,
  sectionBlock,
  type SlackMessage,
} from './blocks.js';
import { changeIdsText, type ChangeEntry } from './change-list.js';
import { failureAdvice, failureCodeText } from './failures.js';
import { countsByKind } from './reminders.js';
import {
  channelMention,
  clipPlain,
  escapeMrkdwn,
  mrkdwnLink,
  plural,
  safeMrkdwn,
  userMention,
} from './text.js';

interface OutcomeLabel {
  readonly emoji: string;
  readonly title: string;
}

const labels: Readonly<Record<RunOutcome, OutcomeLabel>> = {
  delivered: { emoji: ':white_check_mark:', title: 'Delivered' },
  'dry-run': { emoji: ':mag:', title: 'Preview (dry run), nothing delivered' },
  blocked: { emoji: ':no_entry:', title: 'Blocked by the safety guard, nothing delivered' },
  failed: { emoji: ':x:', title: 'Failed, nothing delivered' },
};

const sourceNames: Readonly<Record<NonNullable<Report['source']>['kind'], string>> = {
  'lucca-api': 'Lucca',
  file: 'Input file',
  demo: 'DEMO DATA',
};

const sourceName = (report: Pick<Report, 'source'>): string =>
  report.source === null ? 'Lucca' : sourceNames[report.source.kind];

/** Only blocked and failed runs deserve a loud alert (it replaces the summary). */
export const needsAlert = (report: Pick<Report, 'outcome'>): boolean =>
  report.outcome === 'blocked' || report.outcome === 'failed';

const demoNotice =
  ":test_tube: *DEMO DATA*: bundled sample employees, not your Lucca tenant. An admin must change sync360's settings to read your Lucca tenant.";

/**
 * Whether the run got its employees: a file is built from every employee read, so a run with no
 * file stopped before (settings, Lucca) and knows no count, baseline verdict or reminder.
 */
const dataRead = (report: Pick<Report, 'file'>): boolean => report.file !== null;

const stages: Readonly<Record<ErrorKind, string>> = {
  config: 'checking sync360’s settings',
  source: 'reading the employees',
  strict: 'checking the employees’ data',
  guard: 'the safety guard',
  delivery: 'delivering to 360Learning',
  internal: 'an unexpected error',
};

/** The stage that stopped a failed run, in words. */
const stageOf = (report: Pick<Report, 'failure' | 'source' | 'file'>): string => {
  const kind = report.failure?.kind;
  if (kind === 'source')
    return `reading ${sourceName(report) === 'Lucca' ? 'Lucca' : 'the employees'}`;
  if (kind !== undefined) return stages[kind];
  return dataRead(report) ? 'after reading Lucca' : 'before reading Lucca';
};

const notReached = '_not reached_';

const destinationText = (destination: NonNullable<Report['destination']>): string => {
  if (destination.kind === 'sftp') return `SFTP \`${escapeMrkdwn(destination.path)}\``;
  if (destination.kind === 'local') return `local folder \`${escapeMrkdwn(destination.path)}\``;
  return '360Learning API';
};

/** The two-column facts of a run: employees read, exported, problems, file, destination. */
const countFields = (report: Report): string[] => {
  if (!dataRead(report)) return [`*${sourceName(report)}*\nemployees: ${notReached}`];
  const fields = [
    `*${sourceName(report)}*\n${plural(report.source?.employees ?? 0, 'employee')}`,
    `*Exported*\n${report.counts.active.toLocaleString('en-US')} Active, ${report.counts.inactive.toLocaleString('en-US')} Inactive`,
    `*Not exported*\n${plural(report.counts.notExported, 'employee')}`,
    `*Problems*\n${plural(report.counts.errors, 'error')}, ${plural(report.counts.warnings, 'warning')}`,
  ];
  if (report.file !== null) {
    fields.push(
      `*File*\n\`${escapeMrkdwn(report.file.name)}\`: ${plural(report.file.rows, 'row')}`,
    );
  }
  if (report.destination !== null) {
    fields.push(`*Delivered to*\n${destinationText(report.destination)}`);
  }
  return fields;
};

/** `3 created, 1 deactivated, 230 unchanged`, the no-baseline note, or not reached. */
const changesText = (report: Pick<Report, 'changes' | 'file'>): string => {
  const { changes } = report;
  if (!dataRead(report)) return `*Changes:* ${notReached}`;
  if (changes === null) {
    return '*Changes:* no baseline yet (no previous delivered file), so every row is new to sync360.';
  }
  const parts = [
    `${changes.created} created`,
    `${changes.updated} updated`,
    `${changes.deactivated} deactivated`,
    `${changes.reactivated} reactivated`,
    `${changes.dropped} dropped`,
    `${changes.unchanged} unchanged`,
  ];
  return `*Changes:* ${parts.join(', ')}`;
};

/**
 * What delivering this file changes in 360Learning. Without a baseline every Active row is
 * created and every Inactive row deactivated.
 */
const effectiveChanges = (report: Pick<Report, 'changes' | 'counts'>): ChangeCounts =>
  report.changes ?? {
    created: report.counts.active,
    updated: 0,
    deactivated: report.counts.inactive,
    reactivated: 0,
    dropped: 0,
    unchanged: 0,
  };

/** `12 created, 48 deactivated`, plus updated, reactivated and dropped when there are any. */
const changeCountsText = (report: Pick<Report, 'changes' | 'counts'>): string => {
  const changes = effectiveChanges(report);
  const optional = (count: number, label: string): string[] =>
    count > 0 ? [`${count.toLocaleString('en-US')} ${label}`] : [];
  return [
    `${changes.created.toLocaleString('en-US')} created`,
    ...optional(changes.updated, 'updated'),
    `${changes.deactivated.toLocaleString('en-US')} deactivated`,
    ...optional(changes.reactivated, 'reactivated'),
    ...optional(changes.dropped, 'dropped'),
  ].join(', ');
};

/**
 * Delivery through 360Learning's API: users created, updated and removed there, and the ones it
 * refused (each a fix-data reminder). Null for a file delivery.
 */
const operationsText = (
  report: Pick<Report, 'operations' | 'outcome'> & Partial<Pick<Report, 'rules'>>,
): string | null => {
  const operations = report.operations;
  if (operations === null || operations === undefined) return null;
  const restored =
    operations.restore > 0 ? ` (${operations.restore.toLocaleString('en-US')} restored)` : '';
  const counts = [
    `${(operations.create + operations.restore).toLocaleString('en-US')} created${restored}`,
    `${operations.update.toLocaleString('en-US')} updated`,
    `${operations.delete.toLocaleString('en-US')} removed`,
    plural(operations.managers, 'manager change'),
  ].join(', ');
  const refused =
    operations.rejected > 0
      ? `\n:warning: ${plural(operations.rejected, 'operation')} refused by 360Learning (each is a fix-data reminder, the others went on).`
      : '';
  // Group rules (§7c), in the contract's words whatever the counts.
  const rules =
    report.rules === null || report.rules === undefined
      ? ''
      : `\n*Groups and custom fields:* ${(operations.addRole ?? 0).toLocaleString('en-US')} roles added, ${(operations.removeRole ?? 0).toLocaleString('en-US')} removed, ${(operations.setCustomFields ?? 0).toLocaleString('en-US')} custom-field updates.`;
  if (report.outcome === 'delivered') return `*360Learning:* ${counts}.${rules}${refused}`;
  const done = operations.items.filter((item) => item.status === 'done').length;
  const progress =
    report.outcome === 'failed' && done > 0
      ? ` ${plural(done, 'operation')} done before it stopped.`
      : '';
  return `*360Learning, planned:* ${counts}.${progress}${rules}${refused}`;
};

/** Reminder counts by kind, with the command that lists them (names never go here). */
const remindersText = (report: Pick<Report, 'reminders' | 'file'>): string => {
  const { reminders } = report;
  if (!dataRead(report)) return `*Reminders:* ${notReached} (\`/sync360 pending\` reads them live)`;
  if (reminders.length === 0) return '*Reminders:* none, every 360 status is set.';
  return `*Reminders:* ${plural(reminders.length, 'task')} for an HR admin (${countsByKind(reminders)}). List them with \`/sync360 pending\`.`;
};

type Problem = Report['problems'][number];

const severityRank = (problem: Problem): number => (problem.severity === 'error' ? 0 : 1);

const whoOf = (problem: Problem): string =>
  problem.employeeNumber !== null
    ? `#${escapeMrkdwn(problem.employeeNumber)}`
    : problem.luccaId !== null
      ? `Lucca id ${escapeMrkdwn(problem.luccaId)}`
      : 'unknown employee';

/**
 * Code, employee number and field only: a problem's message may quote Lucca data (an email, a
 * name), and this goes to a channel that may be public.
 */
const problemLine = (problem: Problem): string => {
  const icon = problem.severity === 'error' ? ':red_circle:' : ':large_yellow_circle:';
  const field = problem.field === null ? '' : ` (${escapeMrkdwn(problem.field)})`;
  return `${icon} \`${escapeMrkdwn(problem.code)}\` ${whoOf(problem)}${field}`;
};

/** The first `limit` problems, errors first, then "and N more"; null when there are none. */
const topProblemsText = (problems: ReadonlyArray<Problem>, limit = 5): string | null => {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => severityRank(a) - severityRank(b));
  const lines = sorted.slice(0, limit).map(problemLine);
  const rest = problems.length - lines.length;
  if (rest > 0) lines.push(`_and ${plural(rest, 'more problem')} in the run report_`);
  return `*Top problems*\n${lines.join('\n')}`;
};

/** The run's notes are for admins (they name settings and paths): a count and where to read them. */
const notesText = (report: Pick<Report, 'warnings'>, runUrl: string | null): string | null => {
  const count = report.warnings.length;
  if (count === 0) return null;
  const where = runUrl ? mrkdwnLink(runUrl, 'the run log') : 'the run report';
  return `:warning: ${plural(count, 'note')} for an admin in ${where}.`;
};

const explanations: Readonly<Record<string, string>> = {
  'no-rows':
    'No employee would be exported: sync360 may not be reading the 360 status field. An admin must check sync360’s settings and the Lucca key’s rights.',
  'too-many-deactivations':
    'More users would be deactivated than the safety cap allows. If Lucca really changed that many statuses, approve this file; otherwise fix the statuses in Lucca.',
  'too-few-rows':
    'The new file has less than half the rows of the last delivered one. If the drop is real, approve this file; otherwise an admin must check which employees sync360 reads.',
  'too-many-role-removals':
    'More group roles or custom-field values would be taken from people in 360Learning than the safety cap allows. If the group rules or Lucca really changed that much, approve this run; otherwise an admin must check the group rules.',
  'approval-mismatch':
    'Lucca changed since the preview that was approved, so that file no longer exists: review the new one.',
  'no-baseline':
    'There is no last delivered file to compare with (first run, or the saved state was lost).',
};

/** One mrkdwn bullet per guard reason: the code and what it means for a person. */
const guardReasonLines = (report: Pick<Report, 'guard' | 'changes'>): string[] =>
  report.guard.reasons.map((reason) => {
    const detail =
      reason === 'too-many-deactivations' && report.changes !== null
        ? ` (${report.changes.deactivated} deactivations)`
        : '';
    const explanation = explanations[reason] ?? 'See the run report for details.';
    return `• \`${escapeMrkdwn(reason)}\`${detail}: ${explanation}`;
  });

/** The action id of the approve button (contract: the bot listens for it). */
export const approveActionId = 'sync360_approve';

type Approvable = Pick<Report, 'outcome' | 'file' | 'changes' | 'counts'> &
  Partial<Pick<Report, 'approvalSha256'>>;

/**
 * The approve button of a preview or a blocked run: its value is the sha256 of the reviewed file,
 * so the run it starts delivers exactly that file or nothing. Null when there is no such file.
 * Its confirm dialog states the counts (`deliver: 12 created, 48 deactivated`).
 */
const approveBlock = (report: Approvable): ActionsBlock | null => {
  if (report.file === null) return null;
  if (report.outcome !== 'dry-run' && report.outcome !== 'blocked') return null;
  const file = `${report.file.name}, ${plural(report.file.rows, 'row')}`;
  return {
    type: 'actions',
    block_id: approveActionId,
    elements: [
      {
        type: 'button',
        action_id: approveActionId,
        text: { type: 'plain_text', text: 'Approve and deliver' },
        style: 'primary',
        // With group rules the approval also covers the rules file (§7c).
        value: report.approvalSha256 ?? report.file.sha256,
        confirm: {
          title: { type: 'plain_text', text: 'Deliver this exact file?' },
          text: {
            type: 'plain_text',
            text: clipPlain(
              `deliver: ${changeCountsText(report)} (${file}). If Lucca changed since, nothing is delivered and a new alert says so.`,
              300,
            ),
          },
          confirm: { type: 'plain_text', text: 'Deliver' },
          deny: { type: 'plain_text', text: 'Cancel' },
        },
      },
    ],
  };
};

/**
 * What replaces the button once someone approved: who, when, and where the outcome appears (the
 * thread's first message shows it when the delivery ends); with the message's new fallback text.
 */
export const approvedNote = (
  userId: string,
  time: string,
  followUrl: string,
): { readonly text: string; readonly block: ContextBlock } => ({
  text: `Approved by ${userMention(userId)}: the delivery runs`,
  block: {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `:white_check_mark: approved by ${userMention(userId)} at ${escapeMrkdwn(time)}: ${mrkdwnLink(followUrl, 'the delivery runs in GitHub')}. Its outcome is posted in this thread.`,
      },
    ],
  },
});

/**
 * Where a reviewer finds who a preview or a blocked run would change: by name in the HR channel
 * when the list went there, else by employee number in the message itself.
 */
export type ReviewPlace =
  { readonly hrChannel: string } | { readonly entries: ReadonlyArray<ChangeEntry> };

const reviewText = (review: ReviewPlace): string | null =>
  'hrChannel' in review
    ? `*Who would change:* listed by name in ${channelMention(review.hrChannel)}.`
    : changeIdsText(review.entries);

export interface RunMessageOptions {
  /** The GitHub Actions run, linked from the message. */
  readonly runUrl?: string | null;
  /** Previews and blocked runs: where the reviewer sees who would change. */
  readonly review?: ReviewPlace;
  /** The Slack member who started this run (`requested_by`), or null for a scheduled run. */
  readonly requestedBy?: string | null;
  /** The run delivers a file an approver released: `requestedBy` is who approved. */
  readonly approved?: boolean;
}

const whoText = (options: RunMessageOptions): string | null => {
  const who = options.requestedBy ?? null;
  if (who === null || who.trim() === '') return null;
  return `${options.approved === true ? 'approved' : 'requested'} by ${userMention(who)}`;
};

const fallbackText = (report: Report): string => {
  const label = labels[report.outcome];
  const demo = report.source?.kind === 'demo' ? ' [DEMO DATA]' : '';
  if (!dataRead(report)) return `sync360${demo}: ${label.title} (stopped at ${stageOf(report)})`;
  const rows = report.file === null ? '' : `, ${plural(report.file.rows, 'row')}`;
  const changes =
    report.changes === null
      ? ', no baseline'
      : `, ${report.changes.created} created, ${report.changes.deactivated} deactivated`;
  return (
    `sync360${demo}: ${label.title}${rows}${changes}, ` +
    `${plural(report.counts.errors, 'error')}, ${plural(report.reminders.length, 'reminder')}`
  );
};

/** The safety guard, and for a preview the truth about tonight's run. */
const guardText = (report: Report, options: RunMessageOptions): string | null => {
  const reasons = guardReasonLines(report);
  if (report.outcome === 'dry-run') {
    return report.guard.tripped
      ? [
          '*Tonight:* the safety guard stops this file: tonight’s run will be blocked until someone approves.',
          ...reasons,
        ].join('\n')
      : '*Tonight:* the safety guard passes: tonight’s run will deliver these changes without approval.';
  }
  if (!report.guard.tripped) return null;
  const verdict = report.forced
    ? report.approvedSha256 !== null && options.approved === true && whoText(options) !== null
      ? `*Safety guard:* tripped, released for this exact file, ${whoText(options) ?? ''}:`
      : '*Safety guard:* tripped, released by an admin:'
    : '*Safety guard:* tripped:';
  return [verdict, ...reasons].join('\n');
};

/** What stopped a failed run: the stage, our code and status, that nothing was delivered. */
const failureText = (report: Report, runUrl: string | null): string | null => {
  if (report.failure === null) return null;
  const facts = report.failure;
  return (
    `*What stopped the run:* ${stageOf(report)} (${failureCodeText(facts)}). Nothing was delivered.\n` +
    `*What to do:* ${failureAdvice(facts, { runUrl })}`
  );
};

const footerBlock = (report: Report, options: RunMessageOptions): KnownBlock => {
  const label = labels[report.outcome];
  const footer = [`${label.emoji} ${report.outcome}`, `today ${report.today}`];
  if (report.sync360Version !== undefined) footer.push(`sync360 ${report.sync360Version}`);
  const who = whoText(options);
  if (who !== null) footer.push(who);
  if (options.runUrl) footer.push(mrkdwnLink(options.runUrl, 'View the run on GitHub'));
  return contextBlock(footer.join(' · '));
};

/** Counts, changes, what the run did in 360Learning: what both the summary and alert show. */
const factBlocks = (report: Report): KnownBlock[] => {
  const blocks: KnownBlock[] = [];
  if (report.source?.kind === 'demo') blocks.push(contextBlock(demoNotice));
  blocks.push(fieldsBlock(countFields(report)), sectionBlock(changesText(report)));
  const operations = operationsText(report);
  if (operations !== null) blocks.push(sectionBlock(operations));
  return blocks;
};

/**
 * The run summary posted after a delivered run or a preview, to the ops channel: outcome, counts,
 * problem codes and employee numbers, never a name or an email. A preview carries the approve
 * button and says what tonight's run will do.
 */
export const runSummaryMessage = (
  report: Report,
  options: RunMessageOptions = {},
): SlackMessage => {
  const label = labels[report.outcome];
  const runUrl = options.runUrl ?? null;
  const blocks: KnownBlock[] = [headerBlock(`sync360: ${label.title}`), ...factBlocks(report)];
  const optional = [
    guardText(report, options),
    failureText(report, runUrl),
    topProblemsText(report.problems),
    notesText(report, runUrl),
    report.outcome === 'dry-run' && options.review !== undefined
      ? reviewText(options.review)
      : null,
  ];
  for (const text of optional) if (text !== null) blocks.push(sectionBlock(text));
  blocks.push(sectionBlock(remindersText(report)));
  const approve = report.outcome === 'dry-run' ? approveBlock(report) : null;
  if (approve !== null) blocks.push(approve);
  blocks.push(dividerBlock(), footerBlock(report, options));
  return { text: fallbackText(report), blocks };
};

const blockedBlocks = (report: Report, options: RunMessageOptions): KnownBlock[] => {
  const approve = approveBlock(report);
  const review = options.review === undefined ? null : reviewText(options.review);
  const todo =
    approve === null
      ? '*What to do*\nFix the data in Lucca. Nothing was sent to 360Learning and the last delivered file is kept, so tonight’s run will try again.'
      : '*What to do*\nReview who would change. If it is right, press *Approve and deliver*: exactly this file is delivered, and the outcome is posted in this thread. Otherwise fix the data in Lucca: nothing was sent, and tonight’s run will be blocked again until someone approves.';
  return [
    sectionBlock(['*Why*', ...guardReasonLines(report)].join('\n')),
    ...(review === null ? [] : [sectionBlock(review)]),
    sectionBlock(todo),
    ...(approve === null ? [] : [approve]),
  ];
};

/**
 * The one message of a blocked or failed run, for the ops channel (it replaces the summary):
 * counts, the reason and what to do. A blocked run's alert carries the approve button.
 */
export const runAlertMessage = (report: Report, options: RunMessageOptions = {}): SlackMessage => {
  const runUrl = options.runUrl ?? null;
  const blocked = report.outcome === 'blocked';
  const title = blocked
    ? 'sync360 BLOCKED by the safety guard: nothing delivered'
    : 'sync360 FAILED: nothing delivered';
  const specific = blocked
    ? blockedBlocks(report, options)
    : [
        sectionBlock(
          failureText(report, runUrl) ?? '*What stopped the run:* unknown. Nothing was delivered.',
        ),
      ];
  const blocks: KnownBlock[] = [
    headerBlock(`:rotating_light: ${title}`),
    ...factBlocks(report),
    ...specific,
  ];
  const problems = topProblemsText(report.problems);
  if (problems !== null) blocks.push(sectionBlock(problems));
  const notes = notesText(report, runUrl);
  if (notes !== null) blocks.push(sectionBlock(notes));
  blocks.push(sectionBlock(remindersText(report)), footerBlock(report, options));
  const reason = blocked
    ? report.guard.reasons.join(', ')
    : report.failure === null
      ? ''
      : `${stageOf(report)} (${report.failure.code})`;
  return { text: safeMrkdwn(`${title}${reason === '' ? '' : `: ${reason}`}`, 2000), blocks };
};

export type RequestMode = 'now' | 'preview';

const requestTitle = (mode: RequestMode): string => (mode === 'now' ? 'Sync' : 'Sync preview');

/**
 * The bot's message in the ops channel when someone starts a sync from Slack. Its `<channel>:<ts>`
 * goes to the workflow as `slack_thread`: the run replies in its thread and updates it.
 */
export const syncRequestedMessage = (userId: string, mode: RequestMode): SlackMessage => {
  const what = requestTitle(mode);
  const detail =
    mode === 'now'
      ? 'Delivers the file to 360Learning unless the safety guard stops it.'
      : 'A dry run: shows what tonight’s run would change, delivers nothing.';
  return {
    text: `${what} requested by ${userMention(userId)}`,
    blocks: [
      sectionBlock(`:hourglass_flowing_sand: *${what} requested by ${userMention(userId)}*`),
      contextBlock(`${detail} Starting in GitHub Actions; the outcome is posted in this thread.`),
    ],
  };
};

/**
 * The same message once the dispatch failed: GitHub refused (nothing started), or did not answer
 * after the request was sent (it may have started).
 */
export const syncNotStartedMessage = (
  userId: string,
  mode: RequestMode,
  refused: boolean,
): SlackMessage => {
  const what = requestTitle(mode);
  const why = refused
    ? 'GitHub refused the request, so nothing started (the bot’s log says why).'
    : 'GitHub did not answer after the request was sent: it may have started. Check `/sync360 status`.';
  return {
    text: `${what} requested by ${userMention(userId)}: ${why}`,
    blocks: [
      sectionBlock(`:heavy_minus_sign: *${what} requested by ${userMention(userId)}*\n${why}`),
    ],
  };
};

/**
 * What the thread's first message becomes when the run ends: the outcome, who asked (or who
 * approved), counts and the run link. A preview keeps "requested by"; an approved delivery's
 * alert shows "delivered · approved by".
 */
export const threadOutcomeMessage = (
  report: Report,
  options: RunMessageOptions = {},
): SlackMessage => {
  const label = labels[report.outcome];
  const who = whoText(options);
  const parts = [
    ...(options.approved === true && who !== null
      ? [`${label.emoji} *sync360:* ${report.outcome} · ${who}`]
      : [`${label.emoji} *sync360: ${label.title}*`, ...(who === null ? [] : [who])]),
    ...(dataRead(report) ? [changeCountsText(report)] : [`stopped at ${stageOf(report)}`]),
    ...(options.runUrl ? [mrkdwnLink(options.runUrl, 'run on GitHub')] : []),
  ];
  const blocks: KnownBlock[] = [sectionBlock(parts.join(' · '))];
  if (options.approved === true && report.guard.tripped)
    blocks.push(
      sectionBlock(['*Why it had been blocked*', ...guardReasonLines(report)].join('\n')),
    );
  blocks.push(contextBlock('Details in the thread.'));
  const plainWho = who === null ? '' : ` (${who.replace(/<@([A-Z0-9]+)>/g, '@$1')})`;
  return { text: `sync360: ${label.title}${plainWho}`, blocks };
};
