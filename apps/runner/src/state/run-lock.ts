import { hostname } from 'node:os';
import { link, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@sync360/core';
import { fsErrorCode, folderError, isAlive, lockDraftName, makeFolder } from './local-files.js';

interface Holder {
  readonly pid: number;
  readonly since: string;
  /** Null for a lock written before sync360 recorded the host: taken as this host. */
  readonly host: string | null;
}

const holderOf = (text: string): Holder | null => {
  const [pid, since, host] = text.trim().split(' ');
  const number = Number(pid);
  return Number.isInteger(number) && number > 0
    ? { pid: number, since: since ?? 'unknown', host: host ?? null }
    : null;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the lock with its content in one step: a private file is written, then hard-linked to
 * the lock's name, which fails if the lock exists. A plain `open(wx)` then `write` left an empty
 * lock for an instant, which another run took for a stale one and removed: both ran at once.
 */
const tryCreate = async (path: string, content: string): Promise<boolean> => {
  const draft = lockDraftName(path, 'new');
  await writeFile(draft, content, { flag: 'wx', mode: 0o600 });
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if (fsErrorCode(error) === 'EEXIST') return false;
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
  const moved = lockDraftName(path, 'stale');
  try {
    await rename(path, moved);
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return;
    throw error;
  }
  const text = await readFile(moved, 'utf8').catch(() => staleText);
  if (text !== staleText) await link(moved, path).catch(() => undefined);
  await rm(moved, { force: true });
};

interface LockOptions {
  /** How long to wait for a live holder before refusing. */
  readonly waitMs?: number;
  /** The holder touches the lock this often. */
  readonly refreshMs?: number;
  /** A lock not touched for this long is stale, whoever holds it (any host). */
  readonly staleMs?: number;
  /** Told once, when the run starts waiting. */
  readonly onWait?: (message: string) => void;
}

/**
 * One run at a time per state folder: a lock file holding the owner's pid, start time and host,
 * touched every minute while the run lasts. A lock is stale (taken over) when its process is gone
 * (same host), when it holds no pid, or when it was not touched for 10 minutes (any host); a live
 * one is waited for, then refused. `release` removes the lock only while it is still this run's.
 */
export const acquireRunLock = async (
  stateDir: string,
  options: LockOptions = {},
): Promise<{ release: () => Promise<void> }> => {
  const { waitMs = 5_000, refreshMs = 60_000, staleMs = 600_000 } = options;
  const path = join(stateDir, 'run.lock');
  const host = hostname();
  const content = `${String(process.pid)} ${new Date().toISOString()} ${host}\n`;
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    let created: boolean;
    try {
      await makeFolder(stateDir);
      created = await tryCreate(path, content);
    } catch (error) {
      throw folderError('SYNC360_STATE_DIR', stateDir, fsErrorCode(error)) ?? error;
    }
    if (created) {
      const refresh = setInterval(() => {
        void readFile(path, 'utf8')
          .then((text) => (text === content ? utimes(path, new Date(), new Date()) : undefined))
          .catch(() => undefined);
      }, refreshMs);
      refresh.unref();
      return {
        release: async () => {
          clearInterval(refresh);
          const text = await readFile(path, 'utf8').catch(() => '');
          if (text === content) await rm(path, { force: true });
        },
      };
    }
    const text = await readFile(path, 'utf8').catch(() => null);
    const touched = await stat(path).then(
      (stats) => stats.mtimeMs,
      () => null,
    );
    if (text === null || touched === null) continue;
    const holder = holderOf(text);
    const gone =
      holder === null ||
      ((holder.host === null || holder.host === host) && !isAlive(holder.pid)) ||
      Date.now() - touched > staleMs;
    if (gone) {
      await removeStale(path, text);
      continue;
    }
    const who = `pid ${String(holder.pid)}${holder.host === null || holder.host === host ? '' : ` on ${holder.host}`}, since ${holder.since}`;
    if (Date.now() >= deadline) {
      throw new ConfigError(
        'state-locked',
        `Another sync360 run (${who}) is using ${stateDir}.`,
        `Wait for it to finish; if no sync360 is running, delete ${path}.`,
      );
    }
    if (!told) {
      options.onWait?.(
        `Waiting for another sync360 run (${who}) to finish with ${stateDir} (up to ${String(Math.round(waitMs / 1000))} s)...`,
      );
      told = true;
    }
    await sleep(100);
  }
};
