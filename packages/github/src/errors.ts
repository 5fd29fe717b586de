import { messageOf, redactSecrets, Sync360Error, type ErrorDetails } from '@sync360/core';
import { RequestError } from 'octokit';
import { z } from 'zod';
import { apiUrlOf, type GithubSettings } from './settings.js';

type GithubErrorCode =
  | 'github-auth'
  | 'github-forbidden'
  | 'github-not-found'
  | 'github-rejected'
  | 'github-unreachable'
  | 'github-dispatch-unconfirmed'
  | 'github-api';

/**
 * A failed call to GitHub's API. `code` says what kind of failure, `hint` what to do; neither the
 * message nor the details ever contain the token.
 */
export class GithubError extends Sync360Error {
  override readonly code: GithubErrorCode;
  readonly status: number | null;

  constructor(
    code: GithubErrorCode,
    message: string,
    hint: string,
    details: ErrorDetails = {},
    status: number | null = null,
  ) {
    super('internal', code, message, hint, details);
    this.code = code;
    this.status = status;
  }
}

export interface CallContext {
  readonly settings: GithubSettings;
  /** What we were doing, for the message: e.g. `listing runs of sync360-nightly.yml`. */
  readonly operation: string;
}

/** GitHub's error body; octokit's own message appends the documentation URL to it. */
const githubMessage = z.object({ message: z.string() });

const statusAndText = (error: unknown): { status: number | null; text: string } => {
  if (!(error instanceof RequestError) || error.response === undefined) {
    return { status: null, text: messageOf(error) };
  }
  const body = githubMessage.safeParse(error.response.data);
  return { status: error.status, text: body.success ? body.data.message : error.message };
};

const hintFor = (
  status: number,
  text: string,
  settings: GithubSettings,
): { code: GithubErrorCode; message: string; hint: string } => {
  const repo = settings.repository;
  if (status === 401) {
    return {
      code: 'github-auth',
      message: 'GitHub refused the token',
      hint: `The token is missing, expired or revoked. Create a token with Actions read and write (actions:write) on ${repo} and set GITHUB_TOKEN.`,
    };
  }
  if ((status === 403 || status === 429) && /rate limit/i.test(text)) {
    return {
      code: 'github-forbidden',
      message: "GitHub's API rate limit was hit",
      hint: 'Wait for the limit to reset (about an hour at most) and try again.',
    };
  }
  if (status === 403) {
    return {
      code: 'github-forbidden',
      message: 'GitHub denied the token a permission',
      hint: `Give the token Actions read and write (actions:write) on ${repo}; an organisation may also need to approve fine-grained tokens.`,
    };
  }
  if (status === 404) {
    return {
      code: 'github-not-found',
      message: 'GitHub found nothing',
      hint: `Check GITHUB_REPOSITORY (${repo}), SYNC360_WORKFLOW (${settings.workflow}) and SYNC360_GIT_REF (${settings.ref}): the repository as owner/name, the workflow as a file name under .github/workflows on the default branch. GitHub also answers 404 when the token cannot see the repository.`,
    };
  }
  if (status === 422) {
    return {
      code: 'github-rejected',
      message: 'GitHub rejected the request',
      hint: `Check that SYNC360_GIT_REF (${settings.ref}) is an existing branch or tag, that ${settings.workflow} declares workflow_dispatch with the inputs dry_run, requested_by, approve_sha256 and slack_thread, and that the workflow is enabled.`,
    };
  }
  return {
    code: 'github-api',
    message: "GitHub's API failed",
    hint: 'GitHub may be having trouble (https://www.githubstatus.com); try again in a few minutes.',
  };
};

/** Turns anything octokit throws into a GithubError with a hint, with the token redacted. */
const toGithubError = (error: unknown, context: CallContext): GithubError => {
  if (error instanceof GithubError) return error;
  const { settings, operation } = context;
  const { status, text: raw } = statusAndText(error);
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
  if (status === null) {
    return new GithubError(
      'github-unreachable',
      `Could not reach the GitHub API at ${apiUrl} while ${operation}: ${text}.`,
      'Check the network (proxy, firewall) and GITHUB_API_URL (default https://api.github.com); GitHub status: https://www.githubstatus.com.',
      details,
    );
  }
  const { code, message, hint } = hintFor(status, text, settings);
  return new GithubError(
    code,
    `${message} while ${operation} (${String(status)} ${text}).`,
    hint,
    details,
    status,
  );
};

/**
 * Runs one API call; any failure comes out as a GithubError. GitHub's REST API answers JSON (or
 * nothing, 204): anything else means GITHUB_API_URL points at something else, such as a web page.
 */
export const callGithub = async <
  T extends { status: number; headers: { 'content-type'?: string } },
>(
  context: CallContext,
  call: () => Promise<T>,
): Promise<T> => {
  let response: T;
  try {
    response = await call();
  } catch (error: unknown) {
    throw toGithubError(error, context);
  }
  const type = response.headers['content-type'] ?? '';
  if (response.status !== 204 && !type.includes('json')) {
    throw new GithubError(
      'github-api',
      `GitHub answered ${String(response.status)} with ${type || 'no content type'} instead of JSON while ${context.operation}.`,
      'Check GITHUB_API_URL points at the GitHub REST API (https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise Server).',
      { operation: context.operation, apiUrl: apiUrlOf(context.settings) },
      response.status,
    );
  }
  return response;
};

/** GitHub answered JSON without what sync360 needs from it (a proxy, an API change). */
export const unexpectedAnswer = (context: CallContext, missing: string): GithubError =>
  new GithubError(
    'github-api',
    `GitHub answered without the expected shape while ${context.operation}: ${missing}.`,
    'Check GITHUB_API_URL points at the GitHub REST API (https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise Server); report it if it persists.',
    { operation: context.operation, apiUrl: apiUrlOf(context.settings) },
  );
