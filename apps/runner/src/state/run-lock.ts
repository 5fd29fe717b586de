import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError } from '@sync360/core';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
};

const codeOf = (error: unknown): unknown =>
  error instanceof Error && 'code' in error ? error.code : undefined;

const holderOf = (text: string): { pid: number; since: string } | null => {
  const [pid, since] = text.trim().split(' ');
  const number = Number(pid);
  return Number.isInteger(number) && number > 0 ? { pid: number, since: since ?? 'unknown' } : null;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A unique name next to the lock, for files only this process touches. */
const privateName = (path: string, kind: string): string =>
  `${path}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`;

/**
 * Creates the lock with its content in one step: a private file is written, then hard-linked to
 * the lock's name, which fails if the lock exists. A plain `open(wx)` then `write` left an empty
 * lock for an instant, which another run took for a stale one and removed: both ran at once.
 */
const tryCreate = async (path: string, content: string): Promise<boolean> => {
  const draft = privateName(path, 'new');
  await writeFile(draft, content, { flag: 'wx' });
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
};

/**
 * Removes a lock judged stale, unless another run replaced it meanwhile: the lock is first moved
 * to a private name (only one run can move it), then checked. A live lock moved by mistake (its
 * owner took over the same stale lock a moment before) is put back.
 */
const removeStale = async (path: string, staleText: string): Promise<void> => {
  const moved = privateName(path, 'stale');
  try {
    await rename(path, moved);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw error;
  }
  const text = await readFile(moved, 'utf8').catch(() => staleText);
  if (text !== staleText) await link(moved, path).catch(() => undefined);
  await rm(moved, { force: true });
};

/**
 * One run at a time per state folder: a lock file holding the owner's pid and start time. A lock
 * whose process is gone (crash, kill -9) or that holds no pid is stale and taken over; a live one
 * is waited for (`onWait` is told once), then refused. `release` removes the lock only while it
 * is still this run's.
 */
export const acquireRunLock = async (
  stateDir: string,
  waitMs = 5_000,
  onWait: (message: string) => void = () => undefined,
): Promise<{ release: () => Promise<void> }> => {
  // Absolute first, as in writeFileAtomic (a relative recursive mkdir spins in a deleted cwd).
  await mkdir(resolve(stateDir), { recursive: true });
  const path = join(stateDir, 'run.lock');
  const content = `${process.pid} ${new Date().toISOString()}\n`;
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    if (await tryCreate(path, content)) {
      return {
        release: async () => {
          const text = await readFile(path, 'utf8').catch(() => '');
          if (text === content) await rm(path, { force: true });
        },
      };
    }
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === null) continue;
    const holder = holderOf(text);
    if (holder === null || !isAlive(holder.pid)) {
      await removeStale(path, text);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new ConfigError(
        'state-locked',
        `Another sync360 run (pid ${holder.pid}, since ${holder.since}) is using ${stateDir}.`,
        `Wait for it to finish; if no sync360 is running, delete ${path}.`,
      );
    }
    if (!told) {
      onWait(
        `Waiting for another sync360 run (pid ${holder.pid}, since ${holder.since}) to finish with ${stateDir} (up to ${Math.round(waitMs / 1000)} s)...`,
      );
      told = true;
    }
    await sleep(100);
  }
};
