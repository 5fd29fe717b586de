import type SftpClient from 'ssh2-sftp-client';
import type { SFTPWrapper } from 'ssh2';
import { errorFacts, isMissing, SFTP_STATUS, SftpStepError } from './failures.js';
import { withTimeout } from './session.js';

/** Timeouts for the operations of one session. */
interface OpTimeouts {
  readonly operationTimeoutMs: number;
}

/** Fails unless `dir` exists and is a folder: it is never created (a typo must not deliver). */
export const requireRemoteDir = async (
  client: SftpClient,
  dir: string,
  t: OpTimeouts,
): Promise<void> => {
  if (dir === '.' || dir === '/') return;
  let isDirectory: boolean;
  try {
    ({ isDirectory } = await withTimeout(
      client.stat(dir),
      t.operationTimeoutMs,
      `checking folder ${dir}`,
    ));
  } catch (error) {
    if (isMissing(error)) throw new SftpStepError('folder-missing', `${dir} does not exist`);
    throw error;
  }
  if (!isDirectory) throw new SftpStepError('not-a-folder', `${dir} exists but is not a folder`);
};

const CHUNK_BYTES = 32_768;
/** WRITE requests in flight at once: enough to hide the round trips of a small file. */
const WINDOW = 8;

const call = (run: (done: (error: Error | null | undefined) => void) => void): Promise<void> =>
  new Promise((resolve, reject) => run((error) => (error ? reject(error) : resolve())));

/**
 * Writes `data` to `path` (created or truncated) with plain SFTP OPEN / WRITE / CLOSE, so that
 * every status the server answers (permission denied, no space left, a failed CLOSE) reaches the
 * caller: ssh2's WriteStream, which ssh2-sftp-client's `put` uses, destroys itself before
 * reporting a failed WRITE, and the failure is lost.
 */
const writeRemoteFile = async (sftp: SFTPWrapper, path: string, data: Buffer): Promise<void> => {
  const handle = await new Promise<Buffer>((resolve, reject) => {
    sftp.open(path, 'w', (error, opened) => (error ? reject(error) : resolve(opened)));
  });
  try {
    for (let start = 0; start < data.length; start += CHUNK_BYTES * WINDOW) {
      const writes: Promise<void>[] = [];
      const end = Math.min(data.length, start + CHUNK_BYTES * WINDOW);
      for (let offset = start; offset < end; offset += CHUNK_BYTES) {
        const chunk = data.subarray(offset, offset + CHUNK_BYTES);
        writes.push(call((done) => sftp.write(handle, chunk, 0, chunk.length, offset, done)));
      }
      await Promise.all(writes);
    }
  } catch (error) {
    void call((done) => sftp.close(handle, done)).catch(() => undefined);
    throw error;
  }
  // Servers may flush (and find the disk full) only on CLOSE: its failure is a failed upload.
  await call((done) => sftp.close(handle, done));
};

/** Writes `bytes` to `path`, truncating anything already there; one more second per 64 KiB. */
export const uploadBytes = async (
  sftp: SFTPWrapper,
  path: string,
  bytes: Uint8Array,
  t: OpTimeouts,
): Promise<void> => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const timeoutMs = t.operationTimeoutMs + Math.floor(bytes.byteLength / 65_536) * 1_000;
  await withTimeout(writeRemoteFile(sftp, path, buffer), timeoutMs, `uploading ${path}`);
};

/** Fails with a size-mismatch step error unless the remote file has exactly `expected` bytes. */
export const verifySize = async (
  client: SftpClient,
  path: string,
  expected: number,
  t: OpTimeouts,
): Promise<void> => {
  const { size } = await withTimeout(
    client.stat(path),
    t.operationTimeoutMs,
    `checking the size of ${path}`,
  );
  if (size !== expected)
    throw new SftpStepError('size-mismatch', `remote size ${size} bytes, expected ${expected}`);
};

const isUnsupported = (error: unknown): boolean => {
  const { code, message } = errorFacts(error);
  return code === SFTP_STATUS.opUnsupported || /does not support/i.test(message);
};

const isFile = async (client: SftpClient, path: string, t: OpTimeouts): Promise<boolean> =>
  (await withTimeout(client.exists(path), t.operationTimeoutMs, `checking ${path}`)) === '-';

/**
 * Finishes a swap an earlier run left half done on a server without `posix-rename`: if only
 * `<final>.prev` exists it goes back to the final name; if both exist, `.prev` is removed.
 * Returns what it did, or null when there was nothing to do.
 */
export const recoverPrevious = async (
  client: SftpClient,
  finalPath: string,
  t: OpTimeouts,
): Promise<string | null> => {
  const prevPath = `${finalPath}.prev`;
  if (!(await isFile(client, prevPath, t))) return null;
  const ms = t.operationTimeoutMs;
  if (await isFile(client, finalPath, t)) {
    await withTimeout(client.delete(prevPath), ms, `removing ${prevPath}`);
    return `removed ${prevPath} left by an earlier run`;
  }
  await withTimeout(client.rename(prevPath, finalPath), ms, `restoring ${finalPath}`);
  return `restored ${finalPath} from ${prevPath} left by an earlier run`;
};

type RenameMethod = 'posix-rename' | 'rename' | 'rename via .prev';

/**
 * Moves `from` over `to`, replacing an existing `to`.
 *
 * 1. `posix-rename@openssh.com` (OpenSSH and most servers): an atomic rename that replaces the
 *    target, so readers see the old file or the new one, never neither.
 * 2. Servers without it, where a plain SFTP v3 RENAME refuses an existing target: the old file is
 *    renamed to `<to>.prev`, the new one into place, then `.prev` is removed. The old file is
 *    never removed first: a crash in between leaves it recoverable ({@link recoverPrevious}).
 */
export const replaceFile = async (
  client: SftpClient,
  from: string,
  to: string,
  t: OpTimeouts,
): Promise<RenameMethod> => {
  const ms = t.operationTimeoutMs;
  const rename = (a: string, b: string): Promise<unknown> =>
    withTimeout(client.rename(a, b), ms, `renaming ${a} to ${b}`);
  try {
    await withTimeout(client.posixRename(from, to), ms, `renaming ${from} to ${to}`);
    return 'posix-rename';
  } catch (error) {
    if (!isUnsupported(error)) throw error;
  }
  if (!(await isFile(client, to, t))) {
    await rename(from, to);
    return 'rename';
  }
  const prevPath = `${to}.prev`;
  await rename(to, prevPath);
  try {
    await rename(from, to);
  } catch (error) {
    await rename(prevPath, to).catch(() => undefined);
    throw error;
  }
  // The new file is in place: a `.prev` that cannot be removed now is removed by the next run.
  await removeQuietly(client, prevPath, t);
  return 'rename via .prev';
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
