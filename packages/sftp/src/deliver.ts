import { DeliveryError, redactSecrets } from '@sync360/core';
import { withRetries } from '@sync360/http/retry';
import { classifyFailure, contextFor, isTransient, type Stage } from './failures.js';
import { encryptToKey } from './pgp.js';
import {
  recoverPrevious,
  removeQuietly,
  replaceFile,
  requireRemoteDir,
  uploadBytes,
  verifySize,
} from './remote-ops.js';
import { newSessionState, openSession, type Session } from './session.js';
import {
  remotePathOf,
  resolveSettings,
  type ResolvedSettings,
  type SftpSettings,
} from './settings.js';

interface SftpDeliveryResult {
  /** `<remoteDir>/<uploaded name>` as given (not resolved against the server's home). */
  remotePath: string;
  /** Attempts used, 1 when the first one succeeded. */
  attempts: number;
  /** `<name>.pgp` when encrypted, else the plain name. */
  uploadedName: string;
  /** Bytes on the server (the encrypted message when encrypted). */
  uploadedBytes: number;
  encrypted: boolean;
}

type Say = (message: string) => void;

/** One attempt: connect, check the folder, upload `.part`, check its size, rename into place. */
const deliverOnce = async (
  s: ResolvedSettings,
  name: string,
  bytes: Uint8Array,
  say: Say,
): Promise<void> => {
  const finalPath = remotePathOf(s.remoteDir, name);
  const partPath = `${finalPath}.part`;
  const state = newSessionState();
  let session: Session | undefined;
  let stage: Stage = 'connect';
  try {
    say(`SFTP: connecting to ${s.host}:${s.port} as ${s.username}`);
    session = await openSession(s, state);
    say(`SFTP: host key ${state.presented ?? '?'} matches a pin; logged in`);
    stage = 'remote-dir';
    await requireRemoteDir(session.client, s.remoteDir, s);
    stage = 'rename';
    const recovered = await recoverPrevious(session.client, finalPath, s);
    if (recovered !== null) say(`SFTP: ${recovered}`);
    stage = 'upload';
    say(`SFTP: uploading ${bytes.byteLength} bytes to ${partPath}`);
    await uploadBytes(session.sftp, partPath, bytes, s);
    stage = 'verify';
    await verifySize(session.client, partPath, bytes.byteLength, s);
    stage = 'rename';
    const method = await replaceFile(session.client, partPath, finalPath, s);
    say(`SFTP: delivered ${finalPath} (${method})`);
  } catch (error) {
    const path = stage === 'upload' || stage === 'verify' ? partPath : finalPath;
    const failure = classifyFailure(error, state, contextFor(s, stage, path, finalPath), s.secrets);
    // Best effort: only on a connection that is still alive. After a drop, the next attempt (or
    // the next run) truncates and reuses the same `.part`, so nothing piles up.
    if (
      session !== undefined &&
      stage !== 'remote-dir' &&
      !state.droppedUnexpectedly &&
      failure.code !== 'sftp-timeout'
    ) {
      if (await removeQuietly(session.client, partPath, s)) say(`SFTP: cleaned up ${partPath}`);
    }
    throw failure;
  } finally {
    await session?.close();
  }
};

/**
 * Delivers `file` to `<remoteDir>/<name>` on the SFTP server (with a PGP key: encrypted to it,
 * as `<name>.pgp`): host key checked against the pins before any credential is sent, upload to
 * `.part`, remote size checked, then renamed over the final name. Transient failures (network,
 * timeout, short upload) are retried with backoff; host key, login, permission, missing folder
 * and disk-full failures are not. Throws `DeliveryError` (or `ConfigError` for an unusable PGP
 * key). A failure never leaves a partial file under the final name, and always closes the
 * connection.
 */
export const deliverBySftp = async (
  settings: SftpSettings,
  file: { readonly name: string; readonly bytes: Uint8Array },
  onProgress?: (message: string) => void,
): Promise<SftpDeliveryResult> => {
  const s = resolveSettings(settings);
  const say: Say = (message) => onProgress?.(redactSecrets(message, s.secrets));
  const encrypted = s.pgpPublicKey !== undefined;
  const uploadedName = encrypted ? `${file.name}.pgp` : file.name;
  const bytes =
    s.pgpPublicKey === undefined
      ? file.bytes
      : await encryptToKey(s.pgpPublicKey, file.bytes, file.name);
  if (encrypted) say(`SFTP: encrypted ${file.bytes.byteLength} bytes to ${bytes.byteLength} (PGP)`);
  let attempts = 0;
  try {
    await withRetries(
      {
        attempts: s.attempts,
        baseDelayMs: s.retryBaseDelayMs,
        maxDelayMs: 60_000,
        retryable: (error) => ({ retry: isTransient(error) }),
        onRetry: (failed, n, delayMs) => {
          const reason =
            failed instanceof DeliveryError ? `${failed.code}: ${failed.message}` : String(failed);
          say(`SFTP: attempt ${n}/${s.attempts} failed (${reason}); retrying in ${delayMs} ms`);
        },
      },
      (n) => {
        attempts = n;
        return deliverOnce(s, uploadedName, bytes, say);
      },
    );
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    const suffix = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
    throw new DeliveryError(error.code, `${error.message}${suffix}`, error.hint, {
      ...error.details,
      attempts,
    });
  }
  return {
    remotePath: remotePathOf(s.remoteDir, uploadedName),
    attempts,
    uploadedName,
    uploadedBytes: bytes.byteLength,
    encrypted,
  };
};
