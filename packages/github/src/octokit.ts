import { Octokit } from 'octokit';
import { apiUrlOf, type GithubSettings } from './settings.js';

const quiet = (): void => undefined;

/** A rate limit that resets later than this is reported at once rather than waited for. */
const MAX_RATE_LIMIT_WAIT_S = 60;

/** Retry once after a rate limit, unless the wait is longer than a person would sit through. */
const waitOnce = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
  retryCount === 0 && retryAfter <= MAX_RATE_LIMIT_WAIT_S;

/**
 * One octokit per operation, with octokit's own plugins doing the waiting:
 * - retry: 5xx and network errors (a timeout included) twice, after 0.5 s then 2 s (octokit
 *   waits base × retry²); never 4xx;
 *   callers turn it off for a request that must not be sent twice (a dispatch);
 * - throttling: writes spaced as GitHub asks, and one retry after a rate limit of at most a
 *   minute (`Retry-After`, or `x-ratelimit-reset`).
 * Every request has a timeout, and octokit logs nothing: errors surface once, as GithubError.
 */
export const createOctokit = (settings: GithubSettings): Octokit => {
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const secondMs = settings.secondMs ?? 1_000;
  const timedFetch: typeof fetch = (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
  const apiUrl = apiUrlOf(settings);
  return new Octokit({
    auth: settings.token,
    baseUrl: apiUrl,
    userAgent: 'sync360',
    request: { fetch: timedFetch },
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    retry: {
      retries: 2,
      retryAfterBaseValue: secondMs / 2,
      // 429 is the throttling plugin's: it knows how long GitHub asked to wait.
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      // Writes are spaced per API and repository, the scope of GitHub's limits for one token.
      id: `sync360 ${apiUrl} ${settings.repository}`,
      retryAfterBaseValue: secondMs,
      onRateLimit: waitOnce,
      onSecondaryRateLimit: waitOnce,
    },
  });
};
