import { DeliveryError, redactSecrets } from '@sync360/core';
import { errorFacts, type ErrorFacts } from './error-facts.js';
import type { SessionState } from './session.js';
import { SFTP_STATUS } from './sftp-status.js';
import { NotADirectoryError, SizeMismatchError, type FailureContext } from './stage.js';
import { OperationTimeoutError } from './timeout.js';
import { describeFailure, type FailureCode } from './failure-text.js';

/** Codes worth another attempt: the next connection may well succeed. */
const TRANSIENT: ReadonlySet<string> = new Set(['sftp-network', 'sftp-timeout', 'sftp-verify']);

export const isTransient = (error: DeliveryError): boolean => TRANSIENT.has(error.code);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_NOT_CONNECTED',
]);
const NETWORK_MESSAGE =
  /No response from server|Unexpected (end|close) event|No SFTP connection|socket hang up|Connection lost/i;
const DISK_FULL_MESSAGE = /no space|disk full|quota|ENOSPC|EDQUOT/i;

const codeOf = (
  facts: readonly ErrorFacts[],
  state: SessionState | null,
  error: unknown,
  context: FailureContext,
): FailureCode => {
  if (state !== null && state.presented !== null && !state.hostKeyTrusted)
    return 'sftp-host-key-mismatch';
  if (error instanceof OperationTimeoutError) return 'sftp-timeout';
  if (
    facts.some(
      (f) => f.level === 'client-timeout' || f.code === 'ETIMEDOUT' || /timed out/i.test(f.message),
    )
  ) {
    return 'sftp-timeout';
  }
  if (
    facts.some(
      (f) =>
        f.level === 'client-authentication' || /authentication methods failed/i.test(f.message),
    )
  ) {
    return 'sftp-auth';
  }
  if (error instanceof SizeMismatchError) return 'sftp-verify';
  if (error instanceof NotADirectoryError) return 'sftp-remote-dir';
  const network = facts.some(
    (f) =>
      f.level === 'client-socket' ||
      f.level === 'client-dns' ||
      (typeof f.code === 'string' && NETWORK_CODES.has(f.code)) ||
      f.code === SFTP_STATUS.noConnection ||
      f.code === SFTP_STATUS.connectionLost ||
      NETWORK_MESSAGE.test(f.message),
  );
  if (network || (state?.droppedUnexpectedly ?? false)) return 'sftp-network';
  const primary = errorFacts(error);
  if (
    primary.code === SFTP_STATUS.noSpaceOnFilesystem ||
    primary.code === SFTP_STATUS.quotaExceeded ||
    DISK_FULL_MESSAGE.test(primary.message)
  ) {
    return 'sftp-disk-full';
  }
  switch (context.stage) {
    case 'connect':
      return 'sftp-connect';
    case 'remote-dir':
      return 'sftp-remote-dir';
    case 'verify':
      return 'sftp-verify';
    default:
      if (primary.code === SFTP_STATUS.permissionDenied) return 'sftp-permission';
      return context.stage === 'rename' ? 'sftp-rename' : 'sftp-upload';
  }
};

/**
 * Turns whatever ssh2 / ssh2-sftp-client threw into a coded {@link DeliveryError} whose message
 * says what happened and whose hint says what to do. Every text is scrubbed of the secrets.
 */
export const classifyFailure = (
  error: unknown,
  state: SessionState | null,
  context: FailureContext,
  secrets: readonly string[],
): DeliveryError => {
  if (error instanceof DeliveryError) return error;
  const primary = errorFacts(error);
  const facts = [primary, ...(state?.errors ?? [])];
  const code = codeOf(facts, state, error, context);
  const serverSaid = redactSecrets(primary.message, secrets);
  const text = describeFailure(code, context, { presented: state?.presented ?? null, serverSaid });
  const clean = (value: string): string => redactSecrets(value, secrets);
  return new DeliveryError(code, clean(text.message), clean(text.hint), {
    host: context.host,
    port: context.port,
    username: clean(context.username),
    remoteDir: context.remoteDir,
    stage: context.stage,
    path: context.path,
    serverFingerprint: state?.presented ?? null,
    error: serverSaid,
  });
};
