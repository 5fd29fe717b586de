import type { ActionsBlock, ContextBlock, KnownBlock } from '@slack/types';
import type { Report } from '@sync360/core';
import {
  contextBlock,
  headerBlock,
  paginateGroups,
  plainSectionBlock,
  sectionBlock,
  slackLimits,
  type SlackMessage,
} from './blocks.js';
import { clipPlain, escapeMrkdwn, mrkdwnLink, plural, userMention } from './text.js';

/**
 * The approve button of a held learning-history plan (contract: the bot dispatches the history
 * workflow for it). Its value is the plan's sha256, so the run it starts writes that plan only.
 */
export const approveHistoryActionId = 'sync360_approve_history';

type HistoryReport = Pick<Report, 'outcome' | 'failure' | 'history'>;

const trainings = (count: number): string => plural(count, 'training');

const failureLine = (report: HistoryReport): string => {
  const code = report.failure?.code ?? 'unknown';
  const stage = code.startsWith('lucca')
    ? 'Lucca could not be read or written'
    : code.startsWith('api360')
      ? '360Learning could not be read'
      : code === 'config-invalid' || code === 'usage'
        ? "its settings are incomplete or wrong: an admin must change sync360's settings (see the run log)"
        : 'it stopped before the end';
  return `:x: Learning history failed: ${stage} (code \`${escapeMrkdwn(code)}\`).`;
};

/**
 * Counts only, for the ops channel (it may be public): never a name or a title of a person.
 * `12 trainings recorded in Lucca`.
 */
export const historyCountsMessage = (
  report: HistoryReport,
  options: { readonly runUrl: string | null; readonly reviewInHrChannel: boolean },
): SlackMessage => {
  const history = report.history ?? null;
  const lines: string[] = [];
  if (report.outcome === 'failed') lines.push(failureLine(report));
  if (report.failure?.code === 'history-approval-mismatch')
    lines.push(
      ':warning: The approved learning-history list is no longer the one sync360 saved (a later run planned again): nothing was written to Lucca. Approve the newest list instead.',
    );
  else if (history !== null) {
    const recorded = `${trainings(history.recorded)} recorded in Lucca`;
    if (report.outcome === 'blocked') {
      const waiting = `${trainings(history.planned)} to record in Lucca wait for a review`;
      lines.push(
        `:raised_hand: ${waiting}: nothing was written. ${
          options.reviewInHrChannel
            ? 'The list, with its Approve button, is in the HR channel.'
            : 'An HR admin must review the list in the run report, then approve it.'
        }`,
      );
    } else if (report.outcome === 'dry-run')
      lines.push(`:eyes: Preview: ${trainings(history.planned)} would be recorded in Lucca.`);
    else if (report.outcome === 'failed')
      lines.push(
        history.recorded + history.created === 0
          ? 'Nothing was written to Lucca.'
          : `${recorded} before it stopped; the next run records the rest.`,
      );
    else lines.push(`:white_check_mark: ${recorded}.`);
    const details = [
      history.created > 0
        ? `${plural(history.created, 'new training')} created in the catalogue`
        : '',
      history.skippedExisting > 0 ? `${String(history.skippedExisting)} already in Lucca` : '',
      history.warnings.length > 0 ? plural(history.warnings.length, 'warning') : '',
    ].filter((part) => part !== '');
    if (details.length > 0) lines.push(details.join(' · '));
  }
  const text = lines.join('\n');
  const blocks: KnownBlock[] = [sectionBlock(text)];
  if (options.runUrl !== null) blocks.push(contextBlock(mrkdwnLink(options.runUrl, 'Run log')));
  return { text: clipPlain(lines[0] ?? 'Learning history', 300), blocks };
};

const linesPerSection = 20;
/** Below a section's 3,000 characters: a line is never clipped away. */
const charsPerSection = 2800;

/**
 * The named list of a held plan for the HR channel: who, which training, which end date, and
 * one Approve button (first page) whose value is the plan's sha256. Empty when nothing is held.
 */
export const historyReviewPages = (
  report: HistoryReport,
  names: ReadonlyMap<string, string>,
): SlackMessage[] => {
  const history = report.history ?? null;
  if (report.outcome !== 'blocked' || history === null || history.planSha256 === null) return [];
  if (history.items.length === 0) return [];
  const lines = history.items.map((item) => {
    const name = names.get(item.luccaId);
    const who =
      name === undefined || name === '' ? item.employeeNumber : `${name} (${item.employeeNumber})`;
    return `${who}: ${item.title}, ended ${item.sessionEndsOn}${item.create ? ' (new training in the catalogue)' : ''}`;
  });
  const sections: KnownBlock[] = [];
  let chunk: string[] = [];
  for (const line of lines) {
    const size = chunk.reduce((total, text) => total + text.length + 1, 0);
    if (
      chunk.length === linesPerSection ||
      (chunk.length > 0 && size + line.length > charsPerSection)
    ) {
      sections.push(plainSectionBlock(chunk.join('\n')));
      chunk = [];
    }
    chunk.push(line);
  }
  if (chunk.length > 0) sections.push(plainSectionBlock(chunk.join('\n')));
  const created = history.items
    .filter((item) => item.create)
    .map((item) => item.title.toLowerCase());
  const summary = `record ${trainings(history.items.length)} in Lucca${
    created.length > 0 ? `, creating ${plural(new Set(created).size, 'new training')}` : ''
  }`;
  const approve: ActionsBlock = {
    type: 'actions',
    block_id: approveHistoryActionId,
    elements: [
      {
        type: 'button',
        action_id: approveHistoryActionId,
        text: { type: 'plain_text', text: 'Approve and record' },
        style: 'primary',
        value: history.planSha256,
        confirm: {
          title: { type: 'plain_text', text: 'Record this exact list?' },
          text: {
            type: 'plain_text',
            text: clipPlain(
              `${summary}. Lucca offers no way to undo a realized training. Records already in Lucca are skipped.`,
              300,
            ),
          },
          confirm: { type: 'plain_text', text: 'Record' },
          deny: { type: 'plain_text', text: 'Cancel' },
        },
      },
    ],
  };
  const intro = `${trainings(history.items.length)} completed in 360Learning wait for your review before sync360 records them in Lucca's training history.`;
  // Room on the first page for the intro, the button and the fallback text.
  const reserved = intro.length * 2 + 600;
  const laidOut = paginateGroups(
    [
      {
        heading: headerBlock('Learning history to review'),
        continued: headerBlock('Learning history to review (continued)'),
        items: sections,
      },
    ],
    { maxBlocks: slackLimits.maxBlocks - 2, maxChars: slackLimits.maxMessageChars - reserved },
  );
  const pages = laidOut.map((blocks, index): SlackMessage =>
    index === 0
      ? {
          text: intro,
          blocks: [
            blocks[0] ?? headerBlock('Learning history to review'),
            sectionBlock(escapeMrkdwn(intro)),
            ...blocks.slice(1),
            approve,
          ],
        }
      : { text: 'Learning history to review (continued)', blocks },
  );
  return pages;
};

/** A second click on the same list within minutes: the first one's run is on its way. */
export const historyAlreadyApprovedMessage: SlackMessage = {
  text: 'This list was already approved a moment ago: it is being recorded in Lucca.',
  blocks: [
    sectionBlock(
      ':information_source: This list was already approved a moment ago: it is being recorded in Lucca (see the thread).',
    ),
  ],
};

/** What replaces the Approve button of a held list once someone approved it. */
export const historyApprovedNote = (
  userId: string,
  time: string,
  followUrl: string,
): { readonly text: string; readonly block: ContextBlock } => ({
  text: `Approved by ${userMention(userId)}: recording in Lucca`,
  block: {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `:white_check_mark: approved by ${userMention(userId)} at ${escapeMrkdwn(time)}: ${mrkdwnLink(followUrl, 'the recording runs in GitHub')}. Its outcome is posted in this thread.`,
      },
    ],
  },
});
