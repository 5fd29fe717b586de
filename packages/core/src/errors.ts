/**
 * The small set of coded errors shared by every package. Packages throw them; only the CLI turns
 * them into exit codes and only the bot turns them into Slack replies.
 */
export type ErrorKind = 'config' | 'source' | 'guard' | 'delivery' | 'strict' | 'internal';

export interface ErrorDetails {
  readonly [key: string]: string | number | boolean | null | undefined;
}

export class Sync360Error extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly hint: string;
  readonly details: ErrorDetails;

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    hint: string,
    details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.kind = kind;
    this.code = code;
    this.hint = hint;
    this.details = details;
  }
}

export class ConfigError extends Sync360Error {
  constructor(code: string, message: string, hint: string, details: ErrorDetails = {}) {
    super('config', code, message, hint, details);
  }
}

export class SourceError extends Sync360Error {
  constructor(
    code: string,
    message: string,
    hint: string,
    details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super('source', code, message, hint, details, options);
  }
}

export class DeliveryError extends Sync360Error {
  constructor(
    code: string,
    message: string,
    hint: string,
    details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super('delivery', code, message, hint, details, options);
  }
}

export const isSync360Error = (error: unknown): error is Sync360Error =>
  error instanceof Sync360Error;

/** The message of anything thrown, for logs (never for Slack: outside text may be in it). */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** The HTTP status an outside system answered with, when the error carries one. */
export const httpStatusOf = (error: unknown): number | null => {
  if (!isSync360Error(error)) return null;
  const status = error.details['status'];
  return typeof status === 'number' ? status : null;
};
