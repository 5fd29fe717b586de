import type { Report } from '@sync360/core';
import { contextBlock, sectionBlock } from './blocks.js';
import { mrkdwnLink, userMention } from './escape.js';
import type { SlackMessage } from './message.js';
import { outcomeLabel } from './outcome.js';
import { changeCountsText } from './run-counts.js';

export type RequestMode = 'now' | 'preview';

/**
 * The bot's message in the ops channel when someone starts a sync from Slack. Its `<channel>:<ts>`
 * goes to the workflow as `slack_thread`: the run replies in its thread and updates it.
 */
export const syncRequestedMessage = (userId: string, mode: RequestMode): SlackMessage => {
  const what = mode === 'now' ? 'Sync' : 'Sync preview';
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

/** The same message once the request could not start a run (already running, GitHub refused). */
export const syncNotStartedMessage = (
  userId: string,
  mode: RequestMode,
  why: string,
): SlackMessage => {
  const what = mode === 'now' ? 'Sync' : 'Sync preview';
  return {
    text: `${what} requested by ${userMention(userId)}: ${why}`,
    blocks: [
      sectionBlock(`:heavy_minus_sign: *${what} requested by ${userMention(userId)}*\n${why}`),
    ],
  };
};

/** What the request's message becomes when the run ends: outcome, counts, run link. */
export const threadOutcomeMessage = (report: Report, runUrl: string | null): SlackMessage => {
  const label = outcomeLabel(report.outcome);
  const counts = report.file === null ? '' : ` · ${changeCountsText(report)}`;
  const link = runUrl === null ? '' : ` · ${mrkdwnLink(runUrl, 'run on GitHub')}`;
  return {
    text: `sync360: ${label.title}`,
    blocks: [
      sectionBlock(`${label.emoji} *sync360: ${label.title}*${counts}${link}`),
      contextBlock('Details in the thread.'),
    ],
  };
};
