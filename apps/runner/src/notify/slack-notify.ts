import type { Reminder, Report } from '@sync360/core';
import {
  needsAlert,
  reminderPages,
  runAlertMessage,
  runSummaryMessage,
  watchdogAlertMessage,
  type RunFailure,
  type SlackMessage,
  type WatchdogVerdictInfo,
} from '@sync360/slack-messages';
import { postMessages } from './post-messages.js';
import type { SlackNotifySettings } from './slack-client.js';

export type { SlackNotifySettings } from './slack-client.js';

const urlArg = (runUrl: string | null | undefined): [] | [string] =>
  runUrl === undefined || runUrl === null || runUrl === '' ? [] : [runUrl];

/**
 * Posts the run summary, plus a loud alert when the run was blocked or failed. Returns null, or a
 * warning for the report when Slack could not be reached (never throws).
 */
export const notifyRunToSlack = (
  settings: SlackNotifySettings,
  report: Report,
  runUrl?: string | null,
): Promise<string | null> => {
  const messages: SlackMessage[] = [runSummaryMessage(report, ...urlArg(runUrl))];
  if (needsAlert(report)) messages.push(runAlertMessage(report, ...urlArg(runUrl)));
  return postMessages(settings, messages, 'Run summary');
};

/** Alert for a run that stopped before it had a report (e.g. a configuration or source error). */
export const notifyRunFailureToSlack = (
  settings: SlackNotifySettings,
  failure: RunFailure,
  runUrl?: string | null,
): Promise<string | null> =>
  postMessages(settings, [runAlertMessage(failure, ...urlArg(runUrl))], 'Failure alert');

/** Posts every reminder page (one message when nothing is pending). Null, or a warning. */
export const notifyRemindersToSlack = (
  settings: SlackNotifySettings,
  reminders: ReadonlyArray<Reminder>,
): Promise<string | null> => postMessages(settings, reminderPages(reminders), 'Reminders');

/** Posts the watchdog alert (SPEC §11). Null, or a warning. */
export const notifyWatchdogToSlack = (
  settings: SlackNotifySettings,
  verdict: WatchdogVerdictInfo,
): Promise<string | null> =>
  postMessages(settings, [watchdogAlertMessage(verdict)], 'Watchdog alert');
