/**
 * The instant a GitHub `schedule` firing was *meant* for. GitHub's cron is UTC and its firings
 * are often late (minutes, sometimes close to an hour at busy times), never early; the cron
 * expression that fired is in the event payload (`github.event.schedule`).
 */
export interface CronTime {
  readonly minute: number;
  readonly hour: number;
}

const FIELD = /^\d{1,2}$/;

/** Minute and hour of a daily cron such as `7 1 * * *` or `0 7 * * 1-5`; null otherwise. */
export const parseCronTime = (cron: string): CronTime | null => {
  const fields = cron.trim().split(/\s+/);
  const [minuteField, hourField] = fields;
  if (fields.length !== 5 || minuteField === undefined || hourField === undefined) return null;
  if (!FIELD.test(minuteField) || !FIELD.test(hourField)) return null;
  const minute = Number(minuteField);
  const hour = Number(hourField);
  return minute <= 59 && hour <= 23 ? { minute, hour } : null;
};

const DAY_MS = 86_400_000;

/** A runner clock a little behind the scheduler must not push the slot back a whole day. */
const EARLY_TOLERANCE_MS = 10 * 60_000;

/**
 * The latest UTC instant at `time` that is not after `now` (give or take EARLY_TOLERANCE_MS):
 * the slot a firing at `now` belongs to, for any delay shorter than a day.
 */
export const scheduledSlot = (time: CronTime, now: Date): Date => {
  const sameDay = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
    time.hour,
    time.minute,
  );
  const candidates = [sameDay + DAY_MS, sameDay, sameDay - DAY_MS];
  const slot = candidates.find((candidate) => candidate <= now.getTime() + EARLY_TOLERANCE_MS);
  return new Date(slot ?? sameDay - DAY_MS);
};
