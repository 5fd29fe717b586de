import type { SourceError } from '@sync360/core';
import {
  afterAttempts,
  describeProblem,
  HttpFailure,
  sendHttp,
  type HttpFailureKind,
  type HttpMethod,
  type HttpProblem,
  type HttpResponse,
} from '@sync360/http';
import type { LuccaContext } from './context.js';

interface LuccaCall {
  readonly method?: HttpMethod;
  /** Path and query after `/api/v3`; re-evaluated on each attempt (the page may shrink). */
  readonly path: () => string;
  /** e.g. `GET /api/v3/users page 2 (paging=1000,1000)`, for messages. */
  readonly what: () => string;
  /** JSON body of a PUT. */
  readonly body?: unknown;
  /** Called on a 408 or a timeout, before the retry: the pager asks for a smaller page. */
  readonly onSlow?: () => void;
}

const oneLine = (text: string, max: number): string =>
  text.replace(/\s+/g, ' ').trim().slice(0, max);

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** `HTTP 500` with the start of Lucca's body, unless data must stay out of messages. */
const answerText = (context: LuccaContext, response: HttpResponse): string => {
  const bodyStart = oneLine(response.text, 160);
  if (bodyStart === '') return `HTTP ${response.status}`;
  return context.redactData
    ? `HTTP ${response.status} (${bodyStart.length}+ bytes of body)`
    : `HTTP ${response.status} ${JSON.stringify(bodyStart.slice(0, 100))}`;
};

const describe = (context: LuccaContext, problem: HttpProblem): string =>
  describeProblem(problem, context.http.timeoutMs, (response) => answerText(context, response));

const statusOf = (problem: HttpProblem): number | null =>
  problem.kind === 'status' ? problem.response.status : null;

const checkBaseUrl =
  "check LUCCA_BASE_URL (https://<tenant>.ilucca.net), the network and Lucca's status page, then run again";

/** Message and hint of each way a Lucca request can end without an answer to read. */
const failures: Record<
  HttpFailureKind,
  (what: string, failure: HttpFailure, text: string) => readonly [code: string, string, string]
> = {
  dns: (what, _failure, text) => [
    'lucca-unreachable',
    `Lucca is unreachable: ${what}: ${text}; not retried`,
    "check the tenant name in LUCCA_BASE_URL (https://<tenant>.ilucca.net), then this machine's DNS",
  ],
  network: (what, failure, text) => [
    'lucca-unreachable',
    `Lucca is unreachable: ${what}: ${text} ${afterAttempts(failure.attempts)}`,
    checkBaseUrl,
  ],
  timeout: (what, failure, text) => [
    'lucca-unreachable',
    `Lucca is unreachable: ${what}: ${text} ${afterAttempts(failure.attempts)}`,
    checkBaseUrl,
  ],
  'wait-too-long': (what, failure) => [
    'lucca-rate-limited',
    `Lucca asked to wait ${seconds(failure.problem.kind === 'status' ? (failure.problem.retryAfterMs ?? 0) : 0)} (HTTP 429 Retry-After): ${what}`,
    "the tenant's request quota is used up; run again later",
  ],
  'rate-limited': (what, failure) => [
    'lucca-rate-limited',
    `Lucca kept refusing requests as too many (HTTP 429): ${what} ${afterAttempts(failure.attempts)}`,
    "another integration may be using the tenant's quota of about 50 requests per minute; run again later",
  ],
  'server-error': (what, failure, text) => [
    'lucca-server-error',
    `Lucca answered with an error: ${what}: ${text} ${afterAttempts(failure.attempts)}`,
    'Lucca is having trouble; run again later (nothing was delivered)',
  ],
};

/** The coded error for a request that ended without an answer to read. */
const failedError = (context: LuccaContext, what: string, failure: HttpFailure): SourceError => {
  const [code, message, hint] = failures[failure.kind](
    what,
    failure,
    describe(context, failure.problem),
  );
  const { problem, attempts } = failure;
  const status = statusOf(problem);
  return context.sourceError(code, message, hint, {
    ...(status === null ? {} : { status }),
    ...(failure.kind === 'wait-too-long' && problem.kind === 'status'
      ? { retryAfterMs: problem.retryAfterMs }
      : { attempts }),
  });
};

/** The coded error for an answer that is not retried and not a success (401/403/404/4xx). */
const refusedError = (context: LuccaContext, what: string, response: HttpResponse): SourceError => {
  const { status } = response;
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
    `Lucca refused the request: ${what}: ${answerText(context, response)}`,
    status === 404
      ? 'check LUCCA_BASE_URL: it must be the tenant root such as https://acme.ilucca.net'
      : 'check LUCCA_BASE_URL and the Lucca API version; report the message if it persists',
    { status },
  );
};

/**
 * One Lucca API call through the tenant's limiter, retrying 429 (honouring `Retry-After`), 408,
 * 5xx, network errors and timeouts with the shared bounded backoff; 401/403, other 4xx and a host
 * that does not resolve are final. Every failure ends as a coded `SourceError` carrying
 * `details.status` when Lucca answered.
 */
export const callLucca = async (context: LuccaContext, call: LuccaCall): Promise<unknown> => {
  const method = call.method ?? 'GET';
  let response: HttpResponse;
  try {
    response = await sendHttp(
      context.http,
      () => ({
        method,
        url: `${context.apiRoot}${call.path()}`,
        headers: { authorization: context.authorization, accept: 'application/json' },
        ...(call.body === undefined ? {} : { body: call.body }),
      }),
      {
        onLimited: (waited) => {
          if (waited >= 1000)
            context.progress(`Lucca: waited ${seconds(waited)} for the rate limit`);
        },
        onRetry: (problem, failedAttempt, delayMs) => {
          const asked = problem.kind === 'status' && problem.retryAfterMs !== null;
          context.progress(
            `Lucca: ${call.what()}: ${describe(context, problem)}; retry ${failedAttempt}/${context.http.attempts - 1} in ${seconds(delayMs)}${asked ? ' (Retry-After)' : ''}`,
          );
          if (problem.kind === 'timeout' || statusOf(problem) === 408) call.onSlow?.();
        },
      },
    );
  } catch (error) {
    if (error instanceof HttpFailure) throw failedError(context, call.what(), error);
    throw error;
  }
  if (response.status < 200 || response.status >= 300)
    throw refusedError(context, call.what(), response);
  const { text } = response;
  if (method !== 'GET' && text.trim() === '') return null;
  try {
    const body: unknown = JSON.parse(text);
    return body;
  } catch (error) {
    const type = response.headers.get('content-type') ?? 'no content type';
    const start = context.redactData ? '' : oneLine(text, 60);
    throw context.sourceError(
      'lucca-bad-response',
      `Lucca sent a response that is not JSON: ${call.what()}: ${error instanceof Error ? error.message : String(error)} (${type}, ${text.length} bytes${start === '' ? '' : `, starting ${JSON.stringify(start)}`})`,
      'check LUCCA_BASE_URL points at the tenant itself (a proxy or login page may be answering); run again later if it persists',
    );
  }
};
