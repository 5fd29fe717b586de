import { redactSecrets } from '@sync360/core';
import { z } from 'zod';
import { GithubError } from './github-error.js';
import { apiUrlOf, type GithubSettings } from './settings.js';

/** What octokit's RequestError carries that we read (an HTTP answer has a `response`). */
const requestErrorShape = z.object({
  status: z.number(),
  message: z.string(),
  response: z
    .object({
      data: z.unknown(),
      headers: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

const githubMessage = z.object({ message: z.string() });

export interface CallContext {
  readonly settings: GithubSettings;
  /** What we were doing, for the message: e.g. `listing runs of sync360-nightly.yml`. */
  readonly operation: string;
}

const describe = (error: unknown): { status: number | null; text: string; answered: boolean } => {
  const parsed = requestErrorShape.safeParse(error);
  if (!parsed.success) {
    return {
      status: null,
      text: error instanceof Error ? error.message : String(error),
      answered: false,
    };
  }
  const { status, message, response } = parsed.data;
  if (response === undefined) return { status: null, text: message, answered: false };
  const body = githubMessage.safeParse(response.data);
  return { status, text: body.success ? body.data.message : message, answered: true };
};

const isRateLimit = (text: string): boolean => /rate limit/i.test(text);

/** Turns anything octokit throws into a GithubError with a hint, with the token redacted. */
export const toGithubError = (error: unknown, context: CallContext): GithubError => {
  if (error instanceof GithubError) return error;
  const { settings, operation } = context;
  const { status, text: raw, answered } = describe(error);
  const text = redactSecrets(raw, [settings.token]);
  const apiUrl = apiUrlOf(settings);
  const details = {
    operation,
    status,
    repository: settings.repository,
    workflow: settings.workflow,
    apiUrl,
    githubMessage: text,
  };
  const repo = settings.repository;
  if (!answered) {
    return new GithubError(
      'github-unreachable',
      `Could not reach the GitHub API at ${apiUrl} while ${operation}: ${text}.`,
      'Check the network (proxy, firewall) and GITHUB_API_URL (default https://api.github.com); GitHub status: https://www.githubstatus.com.',
      details,
    );
  }
  if (status === 401) {
    return new GithubError(
      'github-auth',
      `GitHub refused the token while ${operation} (401 ${text}).`,
      `The token is missing, expired or revoked. Create a token with Actions read and write (actions:write) on ${repo} and set GITHUB_TOKEN.`,
      details,
      status,
    );
  }
  if ((status === 403 || status === 429) && isRateLimit(text)) {
    return new GithubError(
      'github-forbidden',
      `GitHub's API rate limit was hit while ${operation} (${String(status)} ${text}).`,
      'Wait for the limit to reset (about an hour at most) and try again.',
      details,
      status,
    );
  }
  if (status === 403) {
    return new GithubError(
      'github-forbidden',
      `The GitHub token may not do this: ${operation} (403 ${text}).`,
      `Give the token Actions read and write (actions:write) on ${repo}; an organisation may also need to approve fine-grained tokens.`,
      details,
      status,
    );
  }
  if (status === 404) {
    return new GithubError(
      'github-not-found',
      `GitHub found nothing while ${operation} (404 ${text}).`,
      `Check GITHUB_REPOSITORY (${repo}), SYNC360_WORKFLOW (${settings.workflow}) and SYNC360_GIT_REF (${settings.ref}): the repository as owner/name, the workflow as a file name under .github/workflows on the default branch. GitHub also answers 404 when the token cannot see the repository.`,
      details,
      status,
    );
  }
  if (status === 422) {
    return new GithubError(
      'github-rejected',
      `GitHub rejected the request while ${operation} (422 ${text}).`,
      `Check that SYNC360_GIT_REF (${settings.ref}) is an existing branch or tag, that ${settings.workflow} declares workflow_dispatch with the inputs dry_run and requested_by, and that the workflow is enabled.`,
      details,
      status,
    );
  }
  return new GithubError(
    'github-api',
    `GitHub's API failed while ${operation} (${String(status)} ${text}).`,
    'GitHub may be having trouble (https://www.githubstatus.com); try again in a few minutes.',
    details,
    status,
  );
};

/** Runs one API call; any failure comes out as a GithubError. */
export const callGithub = async <T>(context: CallContext, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error: unknown) {
    throw toGithubError(error, context);
  }
};

/** An answer whose shape we do not understand: never a crash, always a clear GithubError. */
export const badResponse = (context: CallContext, issue: string): GithubError =>
  new GithubError(
    'github-api',
    `GitHub answered with an unexpected shape while ${context.operation}: ${issue}.`,
    'Check GITHUB_API_URL points at the GitHub REST API (https://api.github.com or your GitHub Enterprise /api/v3).',
    { operation: context.operation, apiUrl: apiUrlOf(context.settings) },
  );
