import { Sync360Error, type ErrorDetails } from '@sync360/core';

export type GithubErrorCode =
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

export const isGithubError = (error: unknown): error is GithubError => error instanceof GithubError;
