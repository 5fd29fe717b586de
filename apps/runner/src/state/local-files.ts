import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
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

/**
 * Creates the folder and the missing ones above it, 0700, one `mkdir` a level, so it always ends:
 * Node 20's recursive mkdir never returns for a path it cannot make under /proc, and loops on a
 * relative path once the working folder is deleted (resolving throws ENOENT instead). Fails with
 * the code of the first level that cannot be made; returns the folders it made.
 */
const makeFolder = async (path: string): Promise<string[]> => {
  const missing: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    const found = await stat(folder).catch((error: unknown) => {
      if (fsErrorCode(error) === 'ENOENT') return null;
      throw error;
    });
    if (found?.isDirectory() === false)
      throw Object.assign(new Error(`${folder} is not a folder`), { code: 'ENOTDIR' });
    if (found !== null || dirname(folder) === folder) break;
    missing.unshift(folder);
  }
  const made: string[] = [];
  for (const folder of missing) {
    try {
      await mkdir(folder, { mode: folderMode });
      made.push(folder);
    } catch (error) {
      if (fsErrorCode(error) !== 'EEXIST') throw error;
    }
  }
  return made;
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

/** A folder sync360 must write that is a file, read-only or cannot be made: exit 2 naming it. */
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
  if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENAMETOOLONG')
    return new ConfigError(
      'folder-cannot-be-made',
      `${variable} is ${path}, which cannot be created (${code}).`,
      `Point ${variable} at a folder on a writable disk (it is created when missing).`,
      { variable },
    );
  return null;
};

/** Makes the folder `variable` names, or throws the configuration error naming it. */
export const makeConfiguredFolder = async (variable: string, path: string): Promise<string[]> => {
  try {
    return await makeFolder(path);
  } catch (error) {
    throw folderError(variable, path, fsErrorCode(error)) ?? error;
  }
};

/**
 * Before anything is read: the folder `variable` names can be made (exit 2 naming it otherwise).
 * The levels made to find out are removed again, so a run that stops later leaves no trace.
 */
export const checkConfiguredFolder = async (variable: string, path: string): Promise<void> => {
  const made = await makeConfiguredFolder(variable, path);
  for (const folder of made.reverse()) await rmdir(folder).catch(() => undefined);
};

/** `--report FILE`: its folder is made and it is not a folder, before anything is read. */
export const checkReportPath = async (path: string): Promise<void> => {
  try {
    await makeFolder(dirname(path));
  } catch (error) {
    throw new ConfigError(
      'report-path-invalid',
      `--report is ${path}, but its folder cannot be created (${fsErrorCode(error) ?? String(error)}).`,
      'Point --report at a file in a folder this user may create and write, e.g. reports/report.json.',
      { variable: '--report' },
    );
  }
  const found = await stat(path).catch(() => null);
  if (found?.isDirectory() === true)
    throw new ConfigError(
      'report-path-invalid',
      `--report is ${path}, which is a folder.`,
      'Point --report at a file, e.g. reports/report.json.',
      { variable: '--report' },
    );
};
