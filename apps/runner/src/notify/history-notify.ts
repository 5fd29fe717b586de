import type { Report } from '@sync360/core';
import {
  historyCountsMessage,
  historyReviewPages,
  namesRefusalText,
} from '@sync360/slack-messages';
import type { SlackNotifySettings } from './slack-client.js';
import { describeSlackError } from './slack-error.js';
import { channelFacts, createPoster, namesRefusal, postThreadOfPages } from './slack-post.js';
import { parseSlackThread } from './slack-thread.js';

/**
 * A history run in Slack: counts in the ops channel (a reply when the run answers a message);
 * a held plan's named list, with its Approve button, in the HR channel when it is private and
 * not shared outside. Null, or a warning for the report (never throws).
 */
export const notifyHistoryToSlack = async (
  settings: SlackNotifySettings,
  report: Report,
  names: ReadonlyMap<string, string>,
  runUrl: string | null,
): Promise<string | null> => {
  const poster = createPoster(settings);
  const raw = (settings.thread ?? '').trim();
  const thread = raw === '' ? null : parseSlackThread(raw, [settings.channel, settings.hrChannel]);
  if (raw !== '' && thread === null)
    poster.warn('SYNC360_SLACK_THREAD ignored (not one of our channels): posted a new message.');
  let reviewInHrChannel = false;
  const pages = historyReviewPages(report, names);
  const hrChannel = settings.hrChannel ?? null;
  if (pages.length > 0 && hrChannel !== null) {
    try {
      const refused = namesRefusal(await channelFacts(poster.client, hrChannel));
      if (refused === null)
        reviewInHrChannel = await postThreadOfPages(poster, hrChannel, pages, 'History review');
      else poster.warn(`Names not posted to SLACK_HR_CHANNEL_ID: ${namesRefusalText(refused)}.`);
    } catch (error) {
      poster.warn(
        `Names not posted: could not check that SLACK_HR_CHANNEL_ID is private (${describeSlackError(error, [settings.token])}).`,
      );
    }
  }
  await poster.post(
    thread?.channel ?? settings.channel,
    historyCountsMessage(report, { runUrl, reviewInHrChannel }),
    'History summary',
    thread?.ts,
  );
  return poster.warning();
};
