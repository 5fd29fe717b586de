import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from '@sync360/core';

// Personal data on local disk: every file sync360 writes is 0600, every folder it creates 0700.
const fileMode = 0o600;
const folderMode = 0o700;

export const fsErrorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return fsErrorCode(error) === 'EPERM';
  }
};

/** Creates the folder (and those above it) 0700. */
export const makeFolder = async (path: string): Promise<void> => {
  // Absolute first: Node's recursive mkdir of a relative path such as `out/nightly` loops forever
  // once the working folder has been deleted; resolving throws ENOENT instead.
  await mkdir(resolve(path), { recursive: true, mode: folderMode });
};

const randomPart = (): string => randomBytes(4).toString('hex');

/** `.<name>.<pid>.<8 hex>.tmp` next to the final file, and the lock's own private drafts. */
const temporaryNames = [
  /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/,
  /^run\.lock\.(?:new|stale)-(\d+)-[0-9a-f]{8}$/,
] as const;

/** A name next to the lock for a file only this process touches (matches `temporaryNames`). */
export const lockDraftName = (lockPath: string, kind: 'new' | 'stale'): string =>
  `${lockPath}.${kind}-${String(process.pid)}-${randomPart()}`;

/**
 * Writes to a hidden temporary file in the same folder, flushes it to disk, then renames it over
 * the final name: readers see the old file or the new one, never a partial one.
 */
export const writeFileAtomic = async (path: string, bytes: Uint8Array): Promise<void> => {
  const folder = dirname(path);
  await makeFolder(folder);
  const temporary = join(folder, `.${basename(path)}.${String(process.pid)}.${randomPart()}.tmp`);
  try {
    const handle = await open(temporary, 'wx', fileMode);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const directory = await open(folder, 'r').catch(() => null);
  await directory?.sync().catch(() => undefined);
  await directory?.close();
};

/**
 * Removes the temporary files a killed sync360 left in `folder`: only names of sync360's own
 * pattern, and only when the process that made them is gone. Returns the names removed.
 */
export const removeLeftovers = async (folder: string): Promise<string[]> => {
  const names = await readdir(folder).catch(() => []);
  const removed: string[] = [];
  for (const name of names) {
    const pid = temporaryNames
      .map((pattern) => pattern.exec(name)?.[1])
      .find((match) => match !== undefined);
    if (pid === undefined || Number(pid) === process.pid || isAlive(Number(pid))) continue;
    await rm(join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
};

export const notAFolder = (variable: string, path: string): ConfigError =>
  new ConfigError(
    'folder-is-a-file',
    `${variable} is ${path}, but that path (or a folder above it) is a file, not a folder.`,
    `Point ${variable} at a folder (it is created when missing).`,
    { variable },
  );

/** A folder sync360 must write that is a file or read-only: a configuration error naming it. */
export const folderError = (
  variable: string,
  path: string,
  code: string | undefined,
): ConfigError | null => {
  if (code === 'EEXIST' || code === 'ENOTDIR') return notAFolder(variable, path);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new ConfigError(
      'folder-read-only',
      `${variable} is ${path}, which sync360 cannot write (${code}).`,
      `Point ${variable} at a folder this user may write, or fix its permissions.`,
      { variable },
    );
  return null;
};
