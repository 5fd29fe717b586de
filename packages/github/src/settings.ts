/**
 * Where the nightly workflow lives and how to reach it, as the app's configuration parsed it
 * (the apps validate the variables; this package trusts them). The token never leaves this package.
 */
export interface GithubSettings {
  token: string;
  /** `owner/name`. */
  repository: string;
  /** GitHub's REST API base URL; default `https://api.github.com` (tests point it at a fake). */
  apiUrl?: string;
  /** Workflow file name, e.g. `sync360-nightly.yml` (or its numeric id). */
  workflow: string;
  /** Branch or tag the workflow is dispatched on, e.g. `main`. */
  ref: string;
  /** Per-request timeout in milliseconds; default 10 000. */
  timeoutMs?: number;
  /**
   * How long one "second" of octokit's retry and rate-limit waits lasts, in milliseconds; default
   * 1000. Tests shrink it so a retried request does not cost seconds.
   */
  secondMs?: number;
}

export const repoCoordinates = (settings: GithubSettings): { owner: string; repo: string } => {
  const [owner = '', repo = ''] = settings.repository.split('/');
  return { owner, repo };
};

export const apiUrlOf = (settings: GithubSettings): string =>
  (settings.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
