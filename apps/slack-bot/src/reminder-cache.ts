import type { Reminder } from '@sync360/core';

/**
 * The reminders computed from Lucca, kept for `ttlMs`: `/sync360 pending`, the App Home and the
 * Set-status clicks share one fetch (callers waiting at the same time share it too), and a
 * write refreshes it.
 */
export interface ReminderCache {
  get(): Promise<Reminder[]>;
  /** Fetches again now (after a write), for everyone after. */
  refresh(): Promise<Reminder[]>;
}

/** Ten minutes: HR admins see their own clicks at once (refresh), Lucca is spared. */
export const remindersTtlMs = 10 * 60_000;

export const reminderCache = (
  load: () => Promise<Reminder[]>,
  ttlMs: number,
  now: () => Date,
): ReminderCache => {
  let cached: { readonly value: Reminder[]; readonly at: number } | null = null;
  let inFlight: Promise<Reminder[]> | null = null;
  const fetchNow = (): Promise<Reminder[]> => {
    inFlight ??= load().then(
      (value) => {
        cached = { value, at: now().getTime() };
        inFlight = null;
        return value;
      },
      (error: unknown) => {
        inFlight = null;
        throw error;
      },
    );
    return inFlight;
  };
  return {
    get: () =>
      cached !== null && now().getTime() - cached.at < ttlMs
        ? Promise.resolve(cached.value)
        : fetchNow(),
    refresh: async () => {
      cached = null;
      // A fetch that started before the write may not see it: wait for it, then read again.
      await inFlight?.catch(() => undefined);
      return fetchNow();
    },
  };
};
