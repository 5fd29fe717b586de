/**
 * The one backoff helper shared by every client (Lucca, SFTP, 360Learning): it imports nothing of
 * ours, so any package may use it.
 */

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

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

export interface RetryOptions {
  /** Total attempts, the first one included (at least 1). */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * Whether `error` is worth another attempt, and optionally the wait the server asked for
   * (`Retry-After`): return false to stop, true for the backoff delay, or a number of ms.
   */
  readonly retryable: (error: unknown) => boolean | number;
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
      const verdict = options.retryable(error);
      if (verdict === false || attemptNumber >= options.attempts) throw error;
      const delayMs =
        typeof verdict === 'number'
          ? verdict
          : backoffDelayMs(
              attemptNumber - 1,
              options.baseDelayMs,
              options.maxDelayMs,
              options.random,
            );
      options.onRetry?.(error, attemptNumber, delayMs);
      await sleep(delayMs);
    }
  }
};
