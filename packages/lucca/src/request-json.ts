import { backoffDelayMs } from './backoff.js';
import type { LuccaContext } from './context.js';
import { getOnce, type HttpOutcome } from './http-attempt.js';
import { sleep } from './rate-limiter.js';
import { parseRetryAfterMs } from './retry-after.js';

export interface RequestOptions {
  /** Called on a 408 or a timeout, before the retry: the pager uses it to ask for a smaller page. */
  readonly onSlow?: () => void;
}

type Retryable = Exclude<HttpOutcome, { kind: 'json' } | { kind: 'malformed' }>;

const describeFailure = (outcome: Retryable, timeoutMs: number): string => {
  if (outcome.kind === 'timeout') return `no answer within ${timeoutMs / 1000} s`;
  if (outcome.kind === 'network') return `network error (${outcome.reason})`;
  return `HTTP ${outcome.status}${outcome.bodyStart === '' ? '' : ` ${JSON.stringify(outcome.bodyStart.slice(0, 100))}`}`;
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

const isRetryable = (outcome: Retryable): boolean =>
  outcome.kind !== 'status' ||
  outcome.status === 408 ||
  outcome.status === 429 ||
  outcome.status >= 500;

const giveUp = (
  context: LuccaContext,
  what: string,
  outcome: Retryable,
  attempts: number,
): Error => {
  const failure = describeFailure(outcome, context.timeoutMs);
  const after = `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  if (outcome.kind === 'timeout' || outcome.kind === 'network') {
    return context.sourceError(
      'lucca-unreachable',
      `Lucca is unreachable: ${what}: ${failure} ${after}`,
      "check LUCCA_BASE_URL (https://<tenant>.ilucca.net), the network and Lucca's status page, then run again",
      { attempts },
    );
  }
  if (outcome.status === 429) {
    return context.sourceError(
      'lucca-rate-limited',
      `Lucca kept refusing requests as too many (HTTP 429): ${what} ${after}`,
      "another integration may be using the tenant's quota of about 50 requests per minute; run again later",
      { status: 429, attempts },
    );
  }
  return context.sourceError(
    'lucca-server-error',
    `Lucca answered with an error: ${what}: ${failure} ${after}`,
    'Lucca is having trouble; run again later (nothing was delivered)',
    { status: outcome.status, attempts },
  );
};

const notRetryable = (context: LuccaContext, what: string, outcome: Retryable): Error => {
  const status = outcome.kind === 'status' ? outcome.status : 0;
  if (status === 401 || status === 403) {
    return context.sourceError(
      'lucca-auth',
      `Lucca refused the API key: ${what}: HTTP ${status}`,
      'key revoked or missing rights: create or fix the API key in Lucca (read access to users, former employees and custom field definitions) and set LUCCA_API_KEY',
      { status },
    );
  }
  return context.sourceError(
    'lucca-http-error',
    `Lucca refused the request: ${what}: ${describeFailure(outcome, context.timeoutMs)}`,
    status === 404
      ? 'check LUCCA_BASE_URL: it must be the tenant root such as https://acme.ilucca.net'
      : 'check LUCCA_BASE_URL and the Lucca API version; report the message if it persists',
    { status },
  );
};

/**
 * GET a JSON body from the Lucca API through the rate limiter, retrying 429 (honouring
 * `Retry-After`), 408, 5xx, network errors and timeouts with bounded exponential backoff.
 * `url` and `what` are re-evaluated on each attempt (the page size may shrink between them).
 */
export const requestJson = async (
  context: LuccaContext,
  url: () => string,
  what: () => string,
  options: RequestOptions = {},
): Promise<unknown> => {
  for (let attempt = 0; ; attempt += 1) {
    const waited = await context.limiter.acquire();
    if (waited >= 1000) context.progress(`Lucca: waited ${seconds(waited)} for the rate limit`);
    const outcome = await getOnce(url(), context.authorization, context.timeoutMs);
    if (outcome.kind === 'json') return outcome.body;
    if (outcome.kind === 'malformed') {
      throw context.sourceError(
        'lucca-bad-response',
        `Lucca sent a response that is not JSON: ${what()}: ${outcome.reason}`,
        'check LUCCA_BASE_URL points at the tenant itself (a proxy or login page may be answering); run again later if it persists',
      );
    }
    if (!isRetryable(outcome)) throw notRetryable(context, what(), outcome);
    if (attempt >= context.maxRetries) throw giveUp(context, what(), outcome, attempt + 1);
    const retryAfter =
      outcome.kind === 'status' && outcome.status === 429
        ? parseRetryAfterMs(outcome.retryAfter, Date.now())
        : null;
    if (retryAfter !== null && retryAfter > context.maxRetryAfterMs) {
      throw context.sourceError(
        'lucca-rate-limited',
        `Lucca asked to wait ${seconds(retryAfter)} (HTTP 429 Retry-After): ${what()}`,
        "the tenant's request quota is used up; run again later",
        { status: 429, retryAfterMs: retryAfter },
      );
    }
    const delay =
      retryAfter ?? backoffDelayMs(attempt, context.retryBaseDelayMs, context.retryMaxDelayMs);
    context.progress(
      `Lucca: ${what()}: ${describeFailure(outcome, context.timeoutMs)}; retry ${attempt + 1}/${context.maxRetries} in ${seconds(delay)}${retryAfter === null ? '' : ' (Retry-After)'}`,
    );
    if ((outcome.kind === 'status' && outcome.status === 408) || outcome.kind === 'timeout')
      options.onSlow?.();
    await sleep(delay);
  }
};
