import type SftpClient from 'ssh2-sftp-client';
import type { SFTPWrapper } from 'ssh2';
import { errorFacts } from './error-facts.js';
import { SFTP_STATUS } from './sftp-status.js';
import { NotADirectoryError, SizeMismatchError } from './stage.js';
import { withTimeout } from './timeout.js';
import { writeRemoteFile } from './write-file.js';

/** Timeouts for the operations of one session. */
export interface OpTimeouts {
  readonly operationTimeoutMs: number;
}

const isMissing = (error: unknown): boolean => {
  const { code } = errorFacts(error);
  return code === 'ENOENT' || code === SFTP_STATUS.noSuchFile;
};

/** Makes sure `dir` is a folder, creating it (and its parents) when it is missing. */
export const ensureRemoteDir = async (
  client: SftpClient,
  dir: string,
  t: OpTimeouts,
): Promise<void> => {
  if (dir === '.' || dir === '/') return;
  try {
    const stats = await withTimeout(
      client.stat(dir),
      t.operationTimeoutMs,
      `checking folder ${dir}`,
    );
    if (stats.isDirectory) return;
    throw new NotADirectoryError(dir);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  await withTimeout(client.mkdir(dir, true), t.operationTimeoutMs, `creating folder ${dir}`);
};

/** Allows one more second per 64 KiB on top of the operation timeout, for larger files. */
export const uploadTimeoutMs = (bytes: number, t: OpTimeouts): number =>
  t.operationTimeoutMs + Math.floor(bytes / 65_536) * 1_000;

/** Writes `bytes` to `path`, truncating anything already there. */
export const uploadBytes = async (
  sftp: SFTPWrapper,
  path: string,
  bytes: Uint8Array,
  t: OpTimeouts,
): Promise<void> => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  await withTimeout(
    writeRemoteFile(sftp, path, buffer),
    uploadTimeoutMs(bytes.byteLength, t),
    `uploading ${path}`,
  );
};

/** Fails with {@link SizeMismatchError} unless the remote file has exactly `expected` bytes. */
export const verifySize = async (
  client: SftpClient,
  path: string,
  expected: number,
  t: OpTimeouts,
): Promise<void> => {
  const stats = await withTimeout(
    client.stat(path),
    t.operationTimeoutMs,
    `checking the size of ${path}`,
  );
  if (stats.size !== expected) throw new SizeMismatchError(stats.size, expected);
};

const isUnsupported = (error: unknown): boolean => {
  const { code, message } = errorFacts(error);
  return code === SFTP_STATUS.opUnsupported || /does not support/i.test(message);
};

/**
 * Moves `from` over `to`, replacing an existing `to`.
 *
 * 1. `posix-rename@openssh.com` (OpenSSH and most servers): an atomic POSIX rename that replaces
 *    the target. Readers see the old file or the new one, never neither, never a partial one.
 * 2. Servers without that extension: a plain SFTP v3 RENAME, which refuses an existing target
 *    (status FAILURE). In that case, and only then, the existing `to` is removed and the rename is
 *    tried again. Between those two steps the final name is briefly absent; it never holds a
 *    partial file. A refused rename (permission denied) does not remove anything.
 */
export type RenameMethod = 'posix-rename' | 'rename' | 'remove-then-rename';

export const replaceFile = async (
  client: SftpClient,
  from: string,
  to: string,
  t: OpTimeouts,
): Promise<RenameMethod> => {
  const ms = t.operationTimeoutMs;
  try {
    await withTimeout(client.posixRename(from, to), ms, `renaming ${from} to ${to}`);
    return 'posix-rename';
  } catch (error) {
    if (!isUnsupported(error)) throw error;
  }
  try {
    await withTimeout(client.rename(from, to), ms, `renaming ${from} to ${to}`);
    return 'rename';
  } catch (error) {
    if (errorFacts(error).code !== SFTP_STATUS.failure) throw error;
    const existing = await withTimeout(client.exists(to), ms, `checking ${to}`);
    if (existing !== '-') throw error;
    await withTimeout(client.delete(to), ms, `removing the previous ${to}`);
    await withTimeout(client.rename(from, to), ms, `renaming ${from} to ${to}`);
    return 'remove-then-rename';
  }
};

/** Removes `path` if it is there; never throws (best-effort cleanup). */
export const removeQuietly = async (
  client: SftpClient,
  path: string,
  t: OpTimeouts,
): Promise<boolean> => {
  try {
    await withTimeout(client.delete(path, true), t.operationTimeoutMs, `removing ${path}`);
    return true;
  } catch (error) {
    return isMissing(error);
  }
};
