import { redactSecrets } from '@sync360/core';
import { classifyFailure } from './classify.js';
import {
  ensureRemoteDir,
  removeQuietly,
  replaceFile,
  uploadBytes,
  verifySize,
} from './remote-ops.js';
import { withRetries } from './retry.js';
import { newSessionState, openSession, type Session } from './session.js';
import {
  checkFileName,
  remotePathOf,
  resolveSettings,
  type ResolvedSettings,
  type SftpSettings,
} from './settings.js';
import type { FailureContext, Stage } from './stage.js';

export interface DeliveryFile {
  name: string;
  bytes: Uint8Array;
}

export interface SftpDeliveryResult {
  /** `<remoteDir>/<name>` as given (not resolved against the server's home). */
  remotePath: string;
  /** Attempts used, 1 when the first one succeeded. */
  attempts: number;
}

type Say = (message: string) => void;

const contextFor = (
  s: ResolvedSettings,
  stage: Stage,
  path: string,
  finalPath: string,
): FailureContext => ({
  stage,
  host: s.host,
  port: s.port,
  username: s.username,
  remoteDir: s.remoteDir,
  path,
  finalPath,
  pins: s.hostKeyPins,
});

/** One attempt: connect, upload `.part`, check its size, rename over the final name. */
const deliverOnce = async (s: ResolvedSettings, file: DeliveryFile, say: Say): Promise<void> => {
  const finalPath = remotePathOf(s.remoteDir, file.name);
  const partPath = `${finalPath}.part`;
  const state = newSessionState();
  let session: Session | undefined;
  let stage: Stage = 'connect';
  try {
    say(`SFTP: connecting to ${s.host}:${s.port} as ${s.username}`);
    session = await openSession(s, state);
    say(`SFTP: host key ${state.presented ?? '?'} matches a pin; logged in`);
    stage = 'remote-dir';
    await ensureRemoteDir(session.client, s.remoteDir, s);
    stage = 'upload';
    say(`SFTP: uploading ${file.bytes.byteLength} bytes to ${partPath}`);
    await uploadBytes(session.sftp, partPath, file.bytes, s);
    stage = 'verify';
    await verifySize(session.client, partPath, file.bytes.byteLength, s);
    stage = 'rename';
    const method = await replaceFile(session.client, partPath, finalPath, s);
    say(`SFTP: delivered ${finalPath} (${method})`);
  } catch (error) {
    const path =
      stage === 'rename' || stage === 'upload' || stage === 'verify' ? partPath : finalPath;
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
 * Delivers `file` to `<remoteDir>/<name>` on the SFTP server: host key checked against the pins
 * before any credential is sent, upload to `<name>.part`, remote size checked, then renamed over
 * the final name. Transient failures (network, timeout, short upload) are retried with backoff;
 * host key, login, permission and disk-full failures are not. Throws `ConfigError` for settings
 * that cannot work (no pin, no credential, unreadable key) and `DeliveryError` otherwise. A
 * failure never leaves a partial file under the final name, and always closes the connection.
 */
export const deliverBySftp = async (
  settings: SftpSettings,
  file: DeliveryFile,
  onProgress?: (message: string) => void,
): Promise<SftpDeliveryResult> => {
  const s = resolveSettings(settings);
  checkFileName(file.name);
  const say: Say = (message) => onProgress?.(redactSecrets(message, s.secrets));
  const { attempts } = await withRetries(
    { attempts: s.attempts, baseDelayMs: s.retryBaseDelayMs },
    () => deliverOnce(s, file, say),
    (failed, n, delayMs) =>
      say(
        `SFTP: attempt ${n}/${s.attempts} failed (${failed.code}: ${failed.message}); retrying in ${delayMs} ms`,
      ),
  );
  return { remotePath: remotePathOf(s.remoteDir, file.name), attempts };
};
