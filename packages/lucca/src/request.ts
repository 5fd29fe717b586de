import { parseRetryAfterMs, withRetries } from '@sync360/retry';
import { luccaDefaults, type LuccaContext } from './context.js';

interface LuccaCall {
  readonly method?: 'GET' | 'PUT' | 'POST';
  /** Path and query after `/api/v3`; re-evaluated on each attempt (the page may shrink). */
  readonly path: () => string;
  /** e.g. `GET /api/v3/users page 2 (paging=1000,1000)`, for messages. */
  readonly what: () => string;
  /** JSON body of a PUT. */
  readonly body?: unknown;
  /** Called on a 408 or a timeout, before the retry: the pager asks for a smaller page. */
  readonly onSlow?: () => void;
}

type Failure =
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly retryAfterMs: number | null;
      readonly bodyStart: string;
    }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly reason: string };

/** One failed attempt, carried through `withRetries` to the final error. */
class AttemptFailure extends Error {
  constructor(
    readonly failure: Failure,
    readonly attempt: number,
  ) {
    super(failure.kind);
  }
}

const reasonOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = Reflect.get(cause, 'code');
    return `${error.message}: ${cause.message}${typeof code === 'string' && !cause.message.includes(code) ? ` (${code})` : ''}`;
  }
  return error.message;
};

const oneLine = (text: string, max: number): string =>
  text.replace(/\s+/g, ' ').trim().slice(0, max);

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

const isRetryable = (failure: Failure): boolean =>
  failure.kind !== 'status' ||
  failure.status === 408 ||
  failure.status === 429 ||
  failure.status >= 500;

const tooLongWait = (failure: Failure): boolean =>
  failure.kind === 'status' &&
  failure.retryAfterMs !== null &&
  failure.retryAfterMs > luccaDefaults.maxRetryAfterMs;

const describe = (context: LuccaContext, failure: Failure): string => {
  if (failure.kind === 'timeout') return `no answer within ${context.timeoutMs / 1000} s`;
  if (failure.kind === 'network') return `network error (${failure.reason})`;
  if (failure.bodyStart === '') return `HTTP ${failure.status}`;
  return context.redactData
    ? `HTTP ${failure.status} (${failure.bodyStart.length}+ bytes of body)`
    : `HTTP ${failure.status} ${JSON.stringify(failure.bodyStart.slice(0, 100))}`;
};

/** The coded error for a failure that ends the call. */
const finalError = (context: LuccaContext, what: string, failed: AttemptFailure): Error => {
  const { failure, attempt } = failed;
  const text = describe(context, failure);
  const after = `after ${attempt} attempt${attempt === 1 ? '' : 's'}`;
  if (failure.kind !== 'status') {
    return context.sourceError(
      'lucca-unreachable',
      `Lucca is unreachable: ${what}: ${text} ${after}`,
      "check LUCCA_BASE_URL (https://<tenant>.ilucca.net), the network and Lucca's status page, then run again",
      { attempts: attempt },
    );
  }
  const { status } = failure;
  if (status === 401 || status === 403) {
    return context.sourceError(
      'lucca-auth',
      `Lucca refused the API key: ${what}: HTTP ${status}`,
      'key revoked or missing rights: create or fix the API key in Lucca (read access to users, former employees and custom field definitions) and set LUCCA_API_KEY',
      { status },
    );
  }
  if (status === 429 && failure.retryAfterMs !== null && tooLongWait(failure)) {
    return context.sourceError(
      'lucca-rate-limited',
      `Lucca asked to wait ${seconds(failure.retryAfterMs)} (HTTP 429 Retry-After): ${what}`,
      "the tenant's request quota is used up; run again later",
      { status, retryAfterMs: failure.retryAfterMs },
    );
  }
  if (status === 429) {
    return context.sourceError(
      'lucca-rate-limited',
      `Lucca kept refusing requests as too many (HTTP 429): ${what} ${after}`,
      "another integration may be using the tenant's quota of about 50 requests per minute; run again later",
      { status, attempts: attempt },
    );
  }
  if (isRetryable(failure)) {
    return context.sourceError(
      'lucca-server-error',
      `Lucca answered with an error: ${what}: ${text} ${after}`,
      'Lucca is having trouble; run again later (nothing was delivered)',
      { status, attempts: attempt },
    );
  }
  return context.sourceError(
    'lucca-http-error',
    `Lucca refused the request: ${what}: ${text}`,
    status === 404
      ? 'check LUCCA_BASE_URL: it must be the tenant root such as https://acme.ilucca.net'
      : 'check LUCCA_BASE_URL and the Lucca API version; report the message if it persists',
    { status },
  );
};

const attemptOnce = async (
  context: LuccaContext,
  call: LuccaCall,
  attempt: number,
): Promise<unknown> => {
  const waited = await context.limiter.acquire();
  if (waited >= 1000) context.progress(`Lucca: waited ${seconds(waited)} for the rate limit`);
  const signal = AbortSignal.timeout(context.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${context.apiRoot}${call.path()}`, {
      method: call.method ?? 'GET',
      headers: {
        authorization: context.authorization,
        accept: 'application/json',
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      signal,
    });
    text = await response.text();
  } catch (error) {
    throw new AttemptFailure(
      signal.aborted ? { kind: 'timeout' } : { kind: 'network', reason: reasonOf(error) },
      attempt,
    );
  }
  if (!response.ok) {
    const header = response.headers.get('retry-after');
    throw new AttemptFailure(
      {
        kind: 'status',
        status: response.status,
        retryAfterMs: response.status === 429 ? parseRetryAfterMs(header, Date.now()) : null,
        bodyStart: oneLine(text, 160),
      },
      attempt,
    );
  }
  if (call.method !== undefined && call.method !== 'GET' && text.trim() === '') return null;
  try {
    const body: unknown = JSON.parse(text);
    return body;
  } catch (error) {
    const type = response.headers.get('content-type') ?? 'no content type';
    const start = context.redactData ? '' : oneLine(text, 60);
    throw context.sourceError(
      'lucca-bad-response',
      `Lucca sent a response that is not JSON: ${call.what()}: ${reasonOf(error)} (${type}, ${text.length} bytes${start === '' ? '' : `, starting ${JSON.stringify(start)}`})`,
      'check LUCCA_BASE_URL points at the tenant itself (a proxy or login page may be answering); run again later if it persists',
    );
  }
};

/**
 * One Lucca API call through the rate limiter, retrying 429 (honouring `Retry-After`), 408, 5xx,
 * network errors and timeouts with the shared bounded backoff; 401/403 and other 4xx are final.
 * Every failure ends as a coded `SourceError` carrying `details.status` when Lucca answered.
 */
export const callLucca = async (context: LuccaContext, call: LuccaCall): Promise<unknown> => {
  try {
    return await withRetries(
      {
        attempts: context.maxRetries + 1,
        baseDelayMs: context.retryBaseDelayMs,
        maxDelayMs: context.retryMaxDelayMs,
        retryable: (error) => {
          if (!(error instanceof AttemptFailure)) return false;
          const { failure } = error;
          if (!isRetryable(failure) || tooLongWait(failure)) return false;
          return failure.kind === 'status' && failure.retryAfterMs !== null
            ? failure.retryAfterMs
            : true;
        },
        onRetry: (error, failedAttempt, delayMs) => {
          if (!(error instanceof AttemptFailure)) return;
          const { failure } = error;
          const asked = failure.kind === 'status' && failure.retryAfterMs !== null;
          context.progress(
            `Lucca: ${call.what()}: ${describe(context, failure)}; retry ${failedAttempt}/${context.maxRetries} in ${seconds(delayMs)}${asked ? ' (Retry-After)' : ''}`,
          );
          if (failure.kind === 'timeout' || (failure.kind === 'status' && failure.status === 408))
            call.onSlow?.();
        },
      },
      (attempt) => attemptOnce(context, call, attempt),
    );
  } catch (error) {
    if (error instanceof AttemptFailure) throw finalError(context, call.what(), error);
    throw error;
  }
};
