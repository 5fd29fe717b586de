import { Octokit } from '@octokit/rest';
import { apiUrlOf, DEFAULT_TIMEOUT_MS, type GithubSettings } from './settings.js';

const quiet = (): void => undefined;

/**
 * One octokit per call site: no retries (the caller decides), a timeout on every request, and no
 * request logging (errors are reported once, as GithubError).
 */
export const createOctokit = (settings: GithubSettings): Octokit => {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timedFetch: typeof fetch = (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
  return new Octokit({
    auth: settings.token,
    baseUrl: apiUrlOf(settings),
    userAgent: 'sync360',
    request: { retries: 0, fetch: timedFetch },
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
};
