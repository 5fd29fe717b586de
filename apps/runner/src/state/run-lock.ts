import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@sync360/core';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
};

const holderOf = async (path: string): Promise<{ pid: number; since: string } | null> => {
  const text = await readFile(path, 'utf8').catch(() => '');
  const [pid, since] = text.trim().split(' ');
  const number = Number(pid);
  return Number.isInteger(number) && number > 0 ? { pid: number, since: since ?? 'unknown' } : null;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One run at a time per state folder: an exclusive lock file holding the owner's pid. A lock whose
 * process is gone (crash, kill -9) is stale and taken over; a live one is waited for, then refused.
 */
export const acquireRunLock = async (
  stateDir: string,
  waitMs = 5_000,
): Promise<{ release: () => Promise<void> }> => {
  await mkdir(stateDir, { recursive: true });
  const path = join(stateDir, 'run.lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
    const holder = await holderOf(path);
    if (holder === null || !isAlive(holder.pid)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new ConfigError(
        'state-locked',
        `Another sync360 run (pid ${holder.pid}, since ${holder.since}) is using ${stateDir}.`,
        `Wait for it to finish; if no sync360 is running, delete ${path}.`,
      );
    }
    await sleep(100);
  }
};
