import type { Reminder, Report, UserRow } from '@sync360/core';
import {
  changeListPages,
  namesRefusalText,
  needsAlert,
  reminderCountsMessage,
  reminderPages,
  runAlertMessage,
  runSummaryMessage,
  threadOutcomeMessage,
  watchdogAlertMessage,
  type NamedListPlace,
  type NamesRefusal,
  type ReviewPlace,
  type RunMessageOptions,
  type WatchdogVerdictInfo,
} from '@sync360/slack-messages';
import type { SlackNotifySettings } from './slack-client.js';
import { describeSlackError } from './slack-error.js';
import { parseSlackThread, type SlackThread } from './slack-thread.js';
import {
  channelFacts,
  createPoster,
  namesRefusal,
  postThreadOfPages,
  type Poster,
} from './slack-post.js';

/**
 * The HR channel when names may go there: set, private and not shared with another
 * organisation (checked before every post of names). Otherwise why not, or null when unset.
 */
const hrChannelFor = async (
  settings: SlackNotifySettings,
  poster: Poster,
): Promise<
  { readonly channel: string } | { readonly channel: null; readonly refused: NamesRefusal | null }
> => {
  const channel = settings.hrChannel ?? null;
  if (channel === null) return { channel: null, refused: null };
  try {
    const refused = namesRefusal(await channelFacts(poster.client, channel));
    if (refused === null) return { channel };
    poster.warn(
      `Names not posted to SLACK_HR_CHANNEL_ID: ${namesRefusalText(refused)}; make it a private channel of HR admins.`,
    );
    return { channel: null, refused };
  } catch (error) {
    const why = describeSlackError(error, [settings.token]);
    poster.warn(`Names not posted: could not check that SLACK_HR_CHANNEL_ID is private (${why}).`);
    return { channel: null, refused: 'unchecked' };
  }
};

const threadOf = (settings: SlackNotifySettings, poster: Poster): SlackThread | null => {
  const raw = (settings.thread ?? '').trim();
  if (raw === '') return null;
  const thread = parseSlackThread(raw, [settings.channel, settings.hrChannel]);
  if (thread === null)
    poster.warn(
      'SYNC360_SLACK_THREAD ignored (not <channel>:<ts> of SLACK_CHANNEL_ID or SLACK_HR_CHANNEL_ID): posted a new message.',
    );
  return thread;
};

/** `First Last` by unique id, from the built file's rows: the names of the HR change list. */
export const employeeNames = (rows: ReadonlyArray<UserRow>): ReadonlyMap<string, string> =>
  new Map(rows.map((row) => [row.uniqueId, `${row.firstName} ${row.lastName}`.trim()]));

export interface RunNotifyContext {
  readonly runUrl: string | null;
  /** Employee names by unique id (the built file's rows), for the HR channel only. */
  readonly names: ReadonlyMap<string, string>;
  /** Started by an approval (`--approve`): `requestedBy` is who approved. */
  readonly approved: boolean;
}

/**
 * After a run: one message in the ops channel, the summary of a delivered run or a preview or
 * the alert of a blocked or failed run, as a reply when the run answers a Slack message. That
 * message (the thread's first) then shows the outcome and who asked or approved. Previews and
 * blocked runs also list who would change, by name, in the HR channel. Returns null, or a warning
 * for the report (never throws).
 */
export const notifyRunToSlack = async (
  settings: SlackNotifySettings,
  report: Report,
  context: RunNotifyContext,
): Promise<string | null> => {
  const poster = createPoster(settings);
  const thread = threadOf(settings, poster);
  const channel = thread?.channel ?? settings.channel;
  let review: ReviewPlace | undefined;
  if (report.outcome === 'dry-run' || report.outcome === 'blocked') {
    review = { entries: report.changeList };
    const pages = changeListPages(report, {
      entries: report.changeList,
      names: context.names,
      approveIn: channel,
    });
    const hr = pages.length === 0 ? null : await hrChannelFor(settings, poster);
    if (hr?.channel && (await postThreadOfPages(poster, hr.channel, pages, 'Change list'))) {
      review = { hrChannel: hr.channel };
    }
  }
  const options: RunMessageOptions = {
    runUrl: context.runUrl,
    requestedBy: settings.requestedBy ?? null,
    approved: context.approved,
    ...(review === undefined ? {} : { review }),
  };
  const message = needsAlert(report)
    ? runAlertMessage(report, options)
    : runSummaryMessage(report, options);
  await poster.post(channel, message, needsAlert(report) ? 'Run alert' : 'Run summary', thread?.ts);
  if (thread !== null) {
    await poster.update(
      thread.channel,
      thread.ts,
      threadOutcomeMessage(report, options),
      'Thread outcome',
    );
  }
  return poster.warning();
};

/**
 * The weekday reminders as one conversation: counts by kind in the ops channel; the list by
 * name in the HR channel, one message with further pages in its thread. Null, or a warning.
 */
export const notifyRemindersToSlack = async (
  settings: SlackNotifySettings,
  reminders: ReadonlyArray<Reminder>,
): Promise<string | null> => {
  const poster = createPoster(settings);
  let place: NamedListPlace = { hrChannel: null, refused: null };
  if (reminders.length > 0) {
    const hr = await hrChannelFor(settings, poster);
    if (hr.channel === null)
      place = hr.refused === null ? place : { hrChannel: null, refused: hr.refused };
    else if (
      await postThreadOfPages(
        poster,
        hr.channel,
        reminderPages(reminders, { statusButtons: settings.statusButtons === true }),
        'Reminders',
      )
    )
      place = { hrChannel: hr.channel };
    else place = { hrChannel: null, refused: 'not-posted' };
  }
  await poster.post(settings.channel, reminderCountsMessage(reminders, place), 'Reminder counts');
  return poster.warning();
};

/** Posts the watchdog alert to the ops channel. Null, or a warning. */
export const notifyWatchdogToSlack = async (
  settings: SlackNotifySettings,
  verdict: WatchdogVerdictInfo,
): Promise<string | null> => {
  const poster = createPoster(settings);
  await poster.post(settings.channel, watchdogAlertMessage(verdict), 'Watchdog alert');
  return poster.warning();
};
