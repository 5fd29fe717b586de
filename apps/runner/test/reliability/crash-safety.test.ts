import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { sshdAvailable, startSshd } from '@sync360/testkit/sshd';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, describe, expect, it } from 'vitest';
import {
  digestOf,
  expectedFile,
  killStrays,
  labelUsers,
  sha256,
  startCli,
  writeInput,
} from './helpers.js';

/** Deterministic PRNG (mulberry32): a failure names its seed, and a rerun replays the same kills. */
const prng = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** SIGKILLs `child` a few milliseconds after a file whose name matches `name` shows up in `dir`. */
const killWhenWritten = (
  dir: string,
  name: RegExp,
  child: ChildProcess,
  random: () => number,
): FSWatcher => {
  const watcher = watch(dir, (_event, file) => {
    if (file === null || !name.test(file)) return;
    watcher.close();
    setTimeout(() => child.kill('SIGKILL'), random() * 8);
  });
  return watcher;
};

interface Crash {
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** The final name the run delivers to (local file or sshd's folder seen from the disk). */
  readonly destination: string;
  readonly runs: number;
  readonly seed: number;
}

/**
 * Alternates two versions of the user file; each run is SIGKILLed at a random moment: anywhere in
 * a normal run's duration, or just after the delivery (temporary file, `.part`) or the state file
 * starts being written (most of a run is start-up and reading, so a uniform time alone would
 * rarely hit the writes). After each: the destination holds the previous file or the
 * new one, whole (never absent once delivered, never partial); last-delivered.csv is a file that
 * really reached the destination; the next run gets past the dead run's lock. Ends with an
 * unkilled run that must deliver.
 */
const crashLoop = async ({
  cwd,
  env,
  destination,
  runs,
  seed,
}: Crash): Promise<{ killed: number; finished: number }> => {
  const random = prng(seed);
  const versions = [
    labelUsers(3_000),
    labelUsers(3_000).map((item) => ({ ...item, jobTitle: `${String(item['jobTitle'])} II` })),
  ];
  const inputs = await Promise.all(
    versions.map((items, index) => writeInput(join(cwd, `users-${index}.json`), items)),
  );
  const digests = versions.map((items) => sha256(expectedFile(items)));
  await mkdir(dirname(destination), { recursive: true });
  await mkdir(join(cwd, '.sync360'), { recursive: true });
  const run = (index: number) =>
    startCli(['run', '--input', inputs[index % 2] ?? '', '--force'], cwd, env);
  const state = join(cwd, '.sync360/last-delivered.csv');

  const started = performance.now();
  const first = await run(0).done;
  expect(first.code, first.stderr).toBe(0);
  const duration = performance.now() - started;
  const delivered = new Set([digests[0]]);
  let current = await digestOf(destination);
  expect(current).toBe(digests[0]);
  let killed = 0;
  for (let index = 1; index <= runs; index += 1) {
    const context = `seed ${seed}, run ${index}`;
    const cli = run(index);
    const delay = random() * duration * 1.1;
    const timer = index % 3 === 0 ? setTimeout(() => cli.child.kill('SIGKILL'), delay) : undefined;
    const watcher =
      index % 3 === 1
        ? killWhenWritten(dirname(destination), /^\.?users\.csv\./, cli.child, random)
        : index % 3 === 2
          ? killWhenWritten(dirname(state), /last-delivered/, cli.child, random)
          : undefined;
    const result = await cli.done;
    clearTimeout(timer);
    watcher?.close();
    if (result.signal === 'SIGKILL') killed += 1;
    else expect(result.code, `${context}: ${result.stderr}`).toBe(0);
    const now = await digestOf(destination);
    expect([current, digests[index % 2]], `${context}: destination`).toContain(now);
    if (now !== null) delivered.add(now);
    expect([...delivered], `${context}: last-delivered.csv`).toContain(await digestOf(state));
    if (result.signal === null) expect(now).toBe(digests[index % 2]);
    current = now;
  }
  const last = await run(runs + 1).done;
  expect(last.code, `seed ${seed}, final run: ${last.stderr}`).toBe(0);
  expect(await digestOf(destination)).toBe(digests[(runs + 1) % 2]);
  expect(await digestOf(state)).toBe(digests[(runs + 1) % 2]);
  return { killed, finished: runs - killed };
};

describe('crash safety: SIGKILL at random moments (SPEC §7)', () => {
  const temps: Array<{ cleanup: () => Promise<void> }> = [];
  afterEach(async () => {
    await killStrays();
    await Promise.all(temps.splice(0).map((temp) => temp.cleanup()));
  });

  // Fixed seeds: a failure names its seed and a rerun replays the same kills. Each run is a whole
  // process start, so the loop gets minutes on a loaded 2-core machine, not a tight bound.
  it(
    'local delivery: 20 killed runs, never a partial file, state always a delivered file',
    {
      timeout: 600_000,
    },
    async () => {
      const temp = await makeTempDir('sync360-crash-');
      temps.push(temp);
      const seed = 20_260_115;
      const outcome = await crashLoop({
        cwd: temp.path,
        env: {},
        destination: join(temp.path, 'out/users.csv'),
        runs: 20,
        seed,
      });
      // The timer kills may land after a run ended on a slow machine; the write-triggered ones do not.
      expect(outcome.killed, `seed ${seed}`).toBeGreaterThanOrEqual(5);
      // The last run removed what the killed ones left (sync360's own temporary names only).
      const leftovers = [
        ...(await readdir(join(temp.path, 'out'))),
        ...(await readdir(join(temp.path, '.sync360'))),
      ];
      expect(leftovers.sort(), `seed ${seed}`).toEqual([
        'last-delivered.csv',
        'last-delivered.json',
        'users.csv',
      ]);
    },
  );

  it.runIf(sshdAvailable('runner crash-safety'))(
    'SFTP to a real OpenSSH sshd: 8 killed runs, never a partial remote file',
    async () => {
      const temp = await makeTempDir('sync360-crash-sftp-');
      temps.push(temp);
      const sshd = await startSshd();
      try {
        const remoteDir = join(sshd.dir, 'inbox');
        await mkdir(remoteDir);
        const env = {
          SFTP_HOST: sshd.host,
          SFTP_PORT: String(sshd.port),
          SFTP_USERNAME: sshd.username,
          SFTP_PRIVATE_KEY: sshd.privateKey,
          SFTP_HOST_KEY_SHA256: sshd.fingerprint,
          SFTP_REMOTE_DIR: remoteDir,
          SFTP_RETRY_DELAY_MS: '50',
        };
        const seed = 80_820;
        await crashLoop({
          cwd: temp.path,
          env,
          destination: join(remoteDir, 'users.csv'),
          runs: 8,
          seed,
        });
        expect((await readdir(remoteDir)).filter((name) => name !== 'users.csv.part')).toEqual([
          'users.csv',
        ]);
      } finally {
        await sshd.close();
      }
    },
    600_000,
  );
});
