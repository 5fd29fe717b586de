import { DeliveryError } from '@sync360/core';
import {
  afterAttempts,
  describeProblem,
  HttpFailure,
  sendHttp,
  type HostLimiter,
  type HttpFailureKind,
  type HttpPolicy,
  type HttpProblem,
  type HttpRequest,
} from '@sync360/http';
import { shownStatus } from './error-codes.js';
import { errorCodeOf } from './schemas.js';
import { minRateLimitWaitMs, type Api360Settings } from './settings.js';

/** An answer that is not retried: any status, the body parsed when it is JSON. */
export interface HttpResponse {
  readonly status: number;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  readonly body: unknown;
  readonly errorCode: string | null;
  readonly link: string | null;
}

/** The one error code of every 360Learning failure that stops a run. */
export const api360Failed = (
  message: string,
  hint: string,
  details: Readonly<Record<string, string | number | null>> = {},
): DeliveryError => new DeliveryError('api360-failed', message, hint, details);

export const describeStatus = (response: {
  readonly status: number;
  readonly errorCode: string | null;
}): string => shownStatus(response.status, response.errorCode);

const parseJson = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const rerun = '(re-running is safe: the next run re-reads 360Learning)';

/** The hint of each way a request can end without an answer. */
const hints: Record<HttpFailureKind, string> = {
  dns: `check API360_BASE_URL (https://app.360learning.com or https://app.us.360learning.com): its host name does not resolve from this machine; not retried ${rerun}`,
  network: `check API360_BASE_URL and the network, then run again ${rerun}`,
  timeout: `check API360_BASE_URL and the network, then run again ${rerun}`,
  'rate-limited': `another integration may be using the company's request quota; run again later ${rerun}`,
  'wait-too-long': `another integration may be using the company's request quota; run again later ${rerun}`,
  'server-error': `360Learning is having trouble; run again later ${rerun}`,
};

export type SendRequest = (
  request: HttpRequest,
  what: string,
  limiter: HostLimiter | null,
) => Promise<HttpResponse>;

/**
 * Sends one request through its limiter, retrying 429 (at least a second apart, longer when
 * `Retry-After` says so), 5xx, timeouts and network errors with bounded backoff. Resolves with
 * the first answer that is not retried; throws `api360-failed` once the attempts are used up.
 */
export const createTransport = (
  settings: Api360Settings,
  progress: (line: string) => void,
): SendRequest => {
  const policy = (limiter: HostLimiter | null): HttpPolicy => ({
    timeoutMs: settings.timeoutMs,
    attempts: settings.attempts,
    retryBaseDelayMs: settings.retryBaseDelayMs,
    retryMaxDelayMs: settings.retryMaxDelayMs,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    minWaitAfter429Ms: minRateLimitWaitMs,
    retryStatus: (status) => status === 429 || status >= 500,
    limiter,
    redirect: 'manual',
  });
  const parsed = (status: number, text: string) => {
    const body = parseJson(text);
    return { status, body, errorCode: status >= 200 && status < 300 ? null : errorCodeOf(body) };
  };
  const describe = (problem: HttpProblem): string =>
    describeProblem(problem, settings.timeoutMs, (response) =>
      describeStatus(parsed(response.status, response.text)),
    );

  return async (request, what, limiter) => {
    try {
      const response = await sendHttp(policy(limiter), request, {
        onRetry: (problem, failed, delayMs) =>
          progress(
            `360Learning: ${what}: ${describe(problem)}; retry ${failed}/${settings.attempts - 1} in ${(delayMs / 1000).toFixed(1)} s`,
          ),
      });
      return { ...parsed(response.status, response.text), link: response.headers.get('link') };
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      const { problem } = error;
      const answer =
        problem.kind === 'status' ? parsed(problem.response.status, problem.response.text) : null;
      throw api360Failed(
        `360Learning API: ${what}: ${describe(problem)} ${afterAttempts(error.attempts)}`,
        hints[error.kind],
        {
          status: answer?.status ?? null,
          apiCode: answer?.errorCode ?? null,
          attempts: error.attempts,
        },
      );
    }
  };
};
