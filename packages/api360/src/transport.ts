import { DeliveryError } from '@sync360/core';
import { backoffDelayMs, parseRetryAfterMs, withRetries } from '@sync360/retry';
import { shownStatus } from './error-codes.js';
import { sendOnce, type HttpOutcome, type HttpRequest } from './http.js';
import type { Limiter } from './limiter.js';
import { minRateLimitWaitMs, type Api360Settings } from './settings.js';

export type HttpResponse = Extract<HttpOutcome, { kind: 'response' }>;

/** The one error code of every 360Learning failure that stops a run. */
export const api360Failed = (
  message: string,
  hint: string,
  details: Readonly<Record<string, string | number | null>> = {},
): DeliveryError => new DeliveryError('api360-failed', message, hint, details);

class Transient extends Error {
  constructor(readonly outcome: HttpOutcome) {
    super('transient 360Learning failure');
  }
}

const isTransient = (outcome: HttpOutcome): boolean =>
  outcome.kind !== 'response' || outcome.status === 429 || outcome.status >= 500;

const describe = (outcome: HttpOutcome, timeoutMs: number): string => {
  if (outcome.kind === 'timeout') return `no answer within ${timeoutMs / 1000} s`;
  if (outcome.kind === 'network') return `network error (${outcome.reason})`;
  return shownStatus(outcome.status, outcome.errorCode);
};

export const describeStatus = (response: HttpResponse): string =>
  shownStatus(response.status, response.errorCode);

const exhausted = (outcome: HttpOutcome, what: string, attempts: number, timeoutMs: number) => {
  const after = `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  const status = outcome.kind === 'response' ? outcome.status : null;
  const apiCode = outcome.kind === 'response' ? outcome.errorCode : null;
  const hint =
    status === 429
      ? "another integration may be using the company's request quota; run again later (re-running is safe: the next run re-reads 360Learning)"
      : status === null
        ? 'check API360_BASE_URL and the network, then run again (re-running is safe: the next run re-reads 360Learning)'
        : '360Learning is having trouble; run again later (re-running is safe: the next run re-reads 360Learning)';
  return api360Failed(`360Learning API: ${what}: ${describe(outcome, timeoutMs)} ${after}`, hint, {
    status,
    apiCode,
    attempts,
  });
};

export type SendRequest = (
  request: HttpRequest,
  what: string,
  limiter: Limiter | null,
) => Promise<HttpResponse>;

/**
 * Sends one request through its limiter, retrying 429 (at least a second apart, longer when
 * `Retry-After` says so), 5xx, timeouts and network errors with bounded backoff. Resolves with
 * the first answer that is not transient; throws `api360-failed` once the attempts are used up.
 */
export const createTransport = (
  settings: Api360Settings,
  progress: (line: string) => void,
): SendRequest => {
  return async (request, what, limiter) => {
    let attemptsMade = 0;
    const retryable = (error: unknown): boolean | number => {
      if (!(error instanceof Transient)) return false;
      const { outcome } = error;
      const backoff = backoffDelayMs(
        attemptsMade - 1,
        settings.retryBaseDelayMs,
        settings.retryMaxDelayMs,
      );
      if (outcome.kind !== 'response' || outcome.status !== 429) return backoff;
      const asked = parseRetryAfterMs(outcome.retryAfter, Date.now());
      if (asked !== null && asked > settings.maxRetryAfterMs) return false;
      return Math.max(minRateLimitWaitMs, asked ?? backoff);
    };
    try {
      return await withRetries(
        {
          attempts: settings.attempts,
          baseDelayMs: settings.retryBaseDelayMs,
          maxDelayMs: settings.retryMaxDelayMs,
          retryable,
          onRetry: (error, failed, delayMs) => {
            if (error instanceof Transient)
              progress(
                `360Learning: ${what}: ${describe(error.outcome, settings.timeoutMs)}; retry ${failed}/${settings.attempts - 1} in ${(delayMs / 1000).toFixed(1)} s`,
              );
          },
        },
        async (attemptNumber) => {
          attemptsMade = attemptNumber;
          const send = () => sendOnce(request, settings.timeoutMs);
          const outcome = await (limiter === null ? send() : limiter.run(send));
          if (isTransient(outcome) || outcome.kind !== 'response') throw new Transient(outcome);
          return outcome;
        },
      );
    } catch (error) {
      if (error instanceof Transient)
        throw exhausted(error.outcome, what, attemptsMade, settings.timeoutMs);
      throw error;
    }
  };
};
