import { parseCronTime, scheduledSlot } from './cron-slot.js';
import { localTime } from './local-time.js';

/**
 * Exactly one run per night at 03:07 Paris time (09:00 on weekdays for reminders), all year,
 * with GitHub's UTC-only cron.
 *
 * Paris is UTC+1 in winter (CET) and UTC+2 in summer (CEST), so each workflow lists two crons an
 * hour apart: `7 1 * * *` is 03:07 in summer and 02:07 in winter, `7 2 * * *` is 04:07 in summer
 * and 03:07 in winter. Every night both fire; this guard lets through only the firing whose slot
 * is 03:xx in Paris. On the nights the clocks change (last Sundays of March and October, at 01:00
 * UTC) the rule still holds: at 01:07 UTC the new offset already applies, so the March night is
 * served by 01:07 UTC (03:07 CEST) and the October night by 02:07 UTC (03:07 CET).
 *
 * Why judge the *scheduled* time and not the clock: GitHub starts scheduled runs late, sometimes
 * by most of an hour. In winter the 01:07 UTC firing (02:07 Paris, to be skipped) started 55 min
 * late reads 03:02 on the Paris clock, and the 02:07 UTC firing (the right one) started 55 min
 * late reads 04:02: judging by the clock would run twice one night and never the next. So the
 * guard takes the cron expression that fired (`github.event.schedule`), rebuilds its slot (the
 * latest UTC instant at that cron's hour and minute not after now, i.e. any delay under a day)
 * and asks the Paris hour of that slot, which is exactly 03 for one of the two crons each night.
 *
 * Any other event (workflow_dispatch: "sync now", preview) always proceeds.
 */
export interface GuardEventInfo {
  /** `github.event_name`: `schedule`, `workflow_dispatch`… */
  readonly name: string;
  /** `github.event.schedule`: the cron expression that fired (schedule events only). */
  readonly schedule?: string | undefined;
}

export type GuardEvent = string | GuardEventInfo;

export interface GuardDecision {
  readonly proceed: boolean;
  /** The instant judged: the scheduled slot (or now when no cron is known); null for dispatches. */
  readonly judged: Date | null;
  /** One line for the log and the step summary. */
  readonly reason: string;
}

const asInfo = (event: GuardEvent): GuardEventInfo =>
  typeof event === 'string' ? { name: event } : event;

export const decide = (
  event: GuardEvent,
  now: Date,
  timeZone = 'Europe/Paris',
  hour = 3,
): GuardDecision => {
  const info = asInfo(event);
  if (info.name !== 'schedule') {
    return { proceed: true, judged: null, reason: `${info.name} event: always proceeds` };
  }
  const cron = info.schedule === undefined ? null : parseCronTime(info.schedule);
  const judged = cron === null ? now : scheduledSlot(cron, now);
  const local = localTime(judged, timeZone);
  const what =
    cron === null
      ? `no usable cron (${JSON.stringify(info.schedule ?? null)}), judging the start time ${now.toISOString()}`
      : `cron "${info.schedule ?? ''}" slot ${judged.toISOString()}`;
  const want = `${String(hour).padStart(2, '0')}:xx`;
  return local.hour === hour
    ? { proceed: true, judged, reason: `${what} is ${local.clock} in ${timeZone}: proceed` }
    : {
        proceed: false,
        judged,
        reason: `${what} is ${local.clock} in ${timeZone}, not ${want}: skip (the other cron covers this day)`,
      };
};

/** True when this firing should do the work (see `decide` for the reasoning). */
export const shouldProceed = (
  event: GuardEvent,
  now: Date,
  timeZone = 'Europe/Paris',
  hour = 3,
): boolean => decide(event, now, timeZone, hour).proceed;
