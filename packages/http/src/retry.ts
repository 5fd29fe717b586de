/**
 * The one backoff helper shared by every client (Lucca, SFTP, 360Learning): it imports nothing of
 * ours, so any package may use it.
 */

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Waits until `ms` have passed on the wall clock: a timer may fire a little early, and a server's
 * `Retry-After` date is a wall-clock moment.
 */
const waitFor = async (ms: number): Promise<void> => {
  const until = Date.now() + ms;
  for (let left = ms; left > 0; left = until - Date.now()) await sleep(left);
};

/**
 * Exponential backoff with "equal jitter": half of the exponential step is fixed, half random, so
 * concurrent clients spread out while every wait stays at least half the step.
 * `retryIndex` 0 is the wait before the first retry.
 */
export const backoffDelayMs = (
  retryIndex: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number => {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, retryIndex));
  return Math.round(step / 2 + random() * (step / 2));
};

/**
 * `Retry-After` as milliseconds to wait: delta-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`). Null when absent or unreadable.
 */
export const parseRetryAfterMs = (
  header: string | null | undefined,
  nowMs: number,
): number | null => {
  if (header === null || header === undefined) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
};

/** Whether a failed attempt is worth another one, and how long to wait before it. */
export type RetryDecision =
  | { readonly retry: false }
  | {
      readonly retry: true;
      /** The wait the server asked for (`Retry-After`); the backoff when absent. */
      readonly waitMs?: number | null | undefined;
      /** A floor under whichever wait applies (360Learning: a second after a 429). */
      readonly minWaitMs?: number | undefined;
    };

export interface RetryOptions {
  /** Total attempts, the first one included (at least 1). */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly retryable: (error: unknown) => RetryDecision;
  readonly onRetry?: (error: unknown, failedAttempt: number, delayMs: number) => void;
  readonly random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, throws an error `retryable` refuses, or the attempts are used
 * up; in both cases the error is rethrown as is.
 */
export const withRetries = async <T>(
  options: RetryOptions,
  attempt: (attemptNumber: number) => Promise<T>,
): Promise<T> => {
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const decision = options.retryable(error);
      if (!decision.retry || attemptNumber >= options.attempts) throw error;
      const wait =
        decision.waitMs ??
        backoffDelayMs(attemptNumber - 1, options.baseDelayMs, options.maxDelayMs, options.random);
      const delayMs = Math.max(decision.minWaitMs ?? 0, wait);
      options.onRetry?.(error, attemptNumber, delayMs);
      await waitFor(delayMs);
    }
  }
};
