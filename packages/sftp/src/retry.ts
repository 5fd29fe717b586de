import { DeliveryError } from '@sync360/core';
import { isTransient } from './classify.js';
import { sleep } from './timeout.js';

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
}

/** Exponential backoff with jitter: base, 2 x base, 4 x base..., each plus up to one base at random. */
export const backoffMs = (failedAttempt: number, baseDelayMs: number): number =>
  Math.round(baseDelayMs * 2 ** (failedAttempt - 1) + Math.random() * baseDelayMs);

/**
 * Runs `attempt` until it succeeds, a non-transient {@link DeliveryError} is thrown (host key,
 * auth, permission, disk full...: retrying cannot help and may lock an account), or the attempts
 * are used up. The last error gets the number of attempts in its details.
 */
export const withRetries = async <T>(
  policy: RetryPolicy,
  attempt: (n: number) => Promise<T>,
  onRetry: (failed: DeliveryError, n: number, delayMs: number) => void,
): Promise<{ value: T; attempts: number }> => {
  for (let n = 1; ; n += 1) {
    try {
      return { value: await attempt(n), attempts: n };
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      if (!isTransient(error) || n >= policy.attempts) {
        const suffix = n > 1 ? ` (gave up after ${n} attempts)` : '';
        throw new DeliveryError(error.code, `${error.message}${suffix}`, error.hint, {
          ...error.details,
          attempts: n,
        });
      }
      const delayMs = backoffMs(n, policy.baseDelayMs);
      onRetry(error, n, delayMs);
      await sleep(delayMs);
    }
  }
};
