import LinkHeader from 'http-link-header';
import { parseRetryAfterMs, sleep, withRetries, type RetryDecision } from './retry.js';

/**
 * The one way sync360 talks to a JSON API over HTTP (Lucca, 360Learning): a timeout per attempt
 * covering headers and body, bounded retries with backoff and `Retry-After`, a per-host limiter,
 * and failures sorted into a few kinds that each adapter turns into its own coded error.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as JSON when set. */
  readonly body?: unknown;
}

/** An answer with its body read as text. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Why the last attempt of a request got no usable answer. */
export type HttpProblem =
  | {
      readonly kind: 'status';
      readonly response: HttpResponse;
      /** `Retry-After` of a 429, in ms. */
      readonly retryAfterMs: number | null;
    }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly reason: string }
  /** The host name does not resolve: permanent, never retried. */
  | { readonly kind: 'dns'; readonly host: string; readonly reason: string };

/** What ended a request; each adapter maps every kind to its code, message and hint. */
export type HttpFailureKind =
  'dns' | 'network' | 'timeout' | 'rate-limited' | 'wait-too-long' | 'server-error';

export class HttpFailure extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    readonly problem: HttpProblem,
    /** Attempts made, the failed one included. */
    readonly attempts: number,
  ) {
    super(`HTTP ${kind}`);
    this.name = 'HttpFailure';
  }
}

/** Keeps one host's requests under its limit; share one per host. */
export interface HostLimiter {
  /** Runs `request` once a slot is free; it is given the milliseconds it waited for it. */
  run<T>(request: (waitedMs: number) => Promise<T>): Promise<T>;
}

/**
 * At most `requests` requests per `windowMs` as the server counts them, and as many in flight.
 * The server counts a request at some moment between our start and our answer, so a slot is held
 * from a request's start until `windowMs` after its answer: whatever the latency and the server's
 * window alignment, it never sees more than `requests` in one window. First come, first served;
 * no timer runs while nobody waits.
 */
export const createHostLimiter = (requests: number, windowMs: number): HostLimiter => {
  const capacity = Math.max(1, Math.floor(requests));
  // When the slots of answered requests free up, in answer order (so sorted).
  const releases: number[] = [];
  let inFlight = 0;
  let answered: () => void = () => undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const take = async (): Promise<void> => {
    for (;;) {
      const now = Date.now();
      while (releases[0] !== undefined && releases[0] <= now) releases.shift();
      if (inFlight + releases.length < capacity) {
        inFlight += 1;
        return;
      }
      const first = releases[0];
      if (first !== undefined) await sleep(first - now);
      else await new Promise<void>((resolve) => (answered = resolve));
    }
  };

  return {
    run: async (request) => {
      const asked = Date.now();
      const turn = queue.then(take);
      queue = turn;
      await turn;
      try {
        return await request(Date.now() - asked);
      } finally {
        inFlight -= 1;
        releases.push(Date.now() + windowMs);
        answered();
      }
    },
  };
};

/** How one adapter talks to its host. */
export interface HttpPolicy {
  /** Per attempt, headers and body included. */
  readonly timeoutMs: number;
  /** Attempts per request, the first included. */
  readonly attempts: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  /** A longer `Retry-After` is not waited for: the request fails at once. */
  readonly maxRetryAfterMs: number;
  /** The least wait after a 429, whatever `Retry-After` or the backoff say. */
  readonly minWaitAfter429Ms?: number;
  /** Statuses worth another attempt, besides timeouts and network errors. */
  readonly retryStatus: (status: number) => boolean;
  readonly limiter: HostLimiter | null;
  /** `manual` keeps credentials from following a redirect elsewhere. */
  readonly redirect?: 'follow' | 'manual';
}

export interface HttpHooks {
  /** Before each retry's wait: what failed, the attempt that failed, the wait. */
  readonly onRetry?: (problem: HttpProblem, failedAttempt: number, delayMs: number) => void;
  /** The limiter held an attempt back this long. */
  readonly onLimited?: (waitedMs: number) => void;
}

const permanentDnsCodes: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_NONAME']);

const codeOf = (error: unknown): string | null => {
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : null;
};

/** fetch's error as a problem: Node puts the system error (`ECONNREFUSED`...) in `cause`. */
const transportProblem = (error: unknown, url: string): HttpProblem => {
  if (!(error instanceof Error)) return { kind: 'network', reason: String(error) };
  const cause: unknown = error.cause;
  const inner = cause instanceof Error ? cause : error;
  const code = codeOf(inner);
  const reason =
    code === null || inner.message.includes(code) ? inner.message : `${inner.message} (${code})`;
  if (code !== null && permanentDnsCodes.has(code))
    return { kind: 'dns', host: new URL(url).hostname, reason };
  return { kind: 'network', reason };
};

type Attempt = { readonly ok: true; readonly response: HttpResponse } | HttpProblem;

const attemptOnce = async (request: HttpRequest, policy: HttpPolicy): Promise<Attempt> => {
  const signal = AbortSignal.timeout(policy.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers:
        request.body === undefined
          ? request.headers
          : { ...request.headers, 'content-type': 'application/json' },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal,
      ...(policy.redirect === undefined ? {} : { redirect: policy.redirect }),
    });
    const text = await response.text();
    return { ok: true, response: { status: response.status, headers: response.headers, text } };
  } catch (error) {
    if (signal.aborted) return { kind: 'timeout' };
    return transportProblem(error, request.url);
  }
};

const kindOf = (problem: HttpProblem, policy: HttpPolicy): HttpFailureKind => {
  if (problem.kind !== 'status') return problem.kind;
  if (problem.response.status !== 429) return 'server-error';
  return problem.retryAfterMs !== null && problem.retryAfterMs > policy.maxRetryAfterMs
    ? 'wait-too-long'
    : 'rate-limited';
};

const decide = (failure: HttpFailure, policy: HttpPolicy): RetryDecision => {
  if (failure.kind === 'dns' || failure.kind === 'wait-too-long') return { retry: false };
  if (failure.kind !== 'rate-limited' || failure.problem.kind !== 'status') return { retry: true };
  return {
    retry: true,
    waitMs: failure.problem.retryAfterMs,
    minWaitMs: policy.minWaitAfter429Ms ?? 0,
  };
};

/**
 * Sends `request` (a function of the attempt number when the request changes between attempts)
 * through the policy's limiter, retrying timeouts, network errors and `retryStatus` answers with
 * backoff; a 429 waits what `Retry-After` asks. Resolves with the first answer whose status is not
 * retried (any status); throws {@link HttpFailure} when the attempts are used up, the host does not
 * resolve, or `Retry-After` asks for longer than the policy allows.
 */
export const sendHttp = (
  policy: HttpPolicy,
  request: HttpRequest | ((attempt: number) => HttpRequest),
  hooks: HttpHooks = {},
): Promise<HttpResponse> =>
  withRetries(
    {
      attempts: policy.attempts,
      baseDelayMs: policy.retryBaseDelayMs,
      maxDelayMs: policy.retryMaxDelayMs,
      retryable: (error) =>
        error instanceof HttpFailure ? decide(error, policy) : { retry: false },
      onRetry: (error, failedAttempt, delayMs) => {
        if (error instanceof HttpFailure) hooks.onRetry?.(error.problem, failedAttempt, delayMs);
      },
    },
    async (attempt) => {
      const current = typeof request === 'function' ? request(attempt) : request;
      const send = (waitedMs: number): Promise<Attempt> => {
        if (waitedMs > 0) hooks.onLimited?.(waitedMs);
        return attemptOnce(current, policy);
      };
      const result = await (policy.limiter === null ? send(0) : policy.limiter.run(send));
      if ('ok' in result && !policy.retryStatus(result.response.status)) return result.response;
      const problem: HttpProblem =
        'ok' in result
          ? {
              kind: 'status',
              response: result.response,
              retryAfterMs:
                result.response.status === 429
                  ? parseRetryAfterMs(result.response.headers.get('retry-after'), Date.now())
                  : null,
            }
          : result;
      throw new HttpFailure(kindOf(problem, policy), problem, attempt);
    },
  );

/** `no answer within 30 s`, `network error (...)`, or the adapter's words for an answer. */
export const describeProblem = (
  problem: HttpProblem,
  timeoutMs: number,
  describeAnswer: (response: HttpResponse) => string,
): string => {
  switch (problem.kind) {
    case 'timeout':
      return `no answer within ${timeoutMs / 1000} s`;
    case 'network':
      return `network error (${problem.reason})`;
    case 'dns':
      return `the host name ${problem.host} does not resolve (${problem.reason})`;
    default:
      return describeAnswer(problem.response);
  }
};

export const afterAttempts = (attempts: number): string =>
  `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;

/**
 * The `rel="next"` target of a `Link` header, resolved against `baseUrl`; null when there is none
 * or the header cannot be read.
 */
export const nextLinkUrl = (header: string | null, baseUrl: string): URL | null => {
  if (header === null) return null;
  try {
    const [next] = LinkHeader.parse(header).rel('next');
    return next === undefined ? null : new URL(next.uri, baseUrl);
  } catch {
    return null;
  }
};
