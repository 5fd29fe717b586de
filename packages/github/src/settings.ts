import { ConfigError } from '@sync360/core';

/** Where the nightly workflow lives and how to reach it. The token never leaves this package. */
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
}

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface RepoCoordinates {
  readonly owner: string;
  readonly repo: string;
}

const REPOSITORY = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/;

/** Splits `owner/name`; a malformed value is a configuration error naming the variable. */
export const repoCoordinates = (settings: GithubSettings): RepoCoordinates => {
  const match = REPOSITORY.exec(settings.repository.trim());
  const owner = match?.[1];
  const repo = match?.[2];
  if (owner === undefined || repo === undefined) {
    throw new ConfigError(
      'github-repository',
      `GITHUB_REPOSITORY must be "owner/name", got "${settings.repository}".`,
      'Set GITHUB_REPOSITORY to the repository that holds the workflow, e.g. acme/sync360.',
      { variable: 'GITHUB_REPOSITORY' },
    );
  }
  return { owner, repo };
};

export const apiUrlOf = (settings: GithubSettings): string =>
  (settings.apiUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
