import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeLuccaUsers, startFakeLucca } from '@sync360/testkit/lucca-server';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, describe, expect, it } from 'vitest';
import {
  digestOf,
  expectedFile,
  killStrays,
  readReport,
  sha256,
  startCli,
  startGate,
  stackLine,
  today,
} from './helpers.js';

const users = 40;

/** Resolves once `run.lock` exists in `stateDir` (the first run holds the state). */
const lockTaken = (stateDir: string): Promise<void> =>
  new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!existsSync(join(stateDir, 'run.lock'))) return;
      clearInterval(timer);
      resolve();
    }, 10);
  });

/**
 * A fake Lucca, reached through a gate that holds every request until the test opens it: the run
 * using it keeps the state folder locked exactly as long as the test needs, however slow the
 * machine. Its start time dates its requests.
 */
const gatedLucca = async (retitle: string) => {
  const startedBefore = Date.now();
  const items = makeLuccaUsers(users, { today }).map((item) => ({ ...item, jobTitle: retitle }));
  const lucca = await startFakeLucca({ users: items, today });
  const gate = await startGate(lucca.url);
  const envOf = {
    LUCCA_BASE_URL: gate.url,
    LUCCA_API_KEY: lucca.apiKey,
    // A held request must not time out while the other run waits.
    LUCCA_TIMEOUT_MS: '300000',
  };
  /** Absolute times (ms) of the requests it received, within a few ms. */
  const times = () => lucca.requests.map((request) => startedBefore + request.at);
  return { lucca, gate, env: envOf, times, file: expectedFile(items) };
};

describe('two runs on the same state folder (SPEC §7: one run at a time)', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await killStrays();
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  const track = <T extends { close: () => Promise<void> } | { cleanup: () => Promise<void> }>(
    thing: T,
  ): T => {
    closers.push('close' in thing ? thing.close : thing.cleanup);
    return thing;
  };
  const peers = async () => {
    const temp = track(await makeTempDir('sync360-lock-'));
    const a = await gatedLucca('Analyst');
    const b = await gatedLucca('Architect');
    for (const peer of [a, b]) {
      track(peer.lucca);
      track(peer.gate);
    }
    b.gate.open();
    return { cwd: temp.path, stateDir: join(temp.path, '.sync360'), a, b };
  };

  it('the second waits for the first, says so, then diffs against what the first delivered', async () => {
    const { cwd, stateDir, a, b } = await peers();
    const first = startCli(['run', '--report', 'a.json'], cwd, a.env);
    await lockTaken(stateDir);
    const second = startCli(['run', '--report', 'b.json'], cwd, b.env);
    // The first holds the state (its Lucca is held) until the second says it is waiting.
    await second.printed('Waiting for another sync360 run');
    a.gate.open();
    const [resultA, resultB] = await Promise.all([first.done, second.done]);

    expect(resultA.code, resultA.stderr).toBe(0);
    expect(resultB.code, resultB.stderr).toBe(0);
    expect(resultB.stderr).toContain(
      `Waiting for another sync360 run (pid ${String(first.child.pid)}`,
    );
    // Never interleaved: B read Lucca only after A's last request, and its baseline was A's file.
    expect(Math.min(...b.times())).toBeGreaterThan(Math.max(...a.times()));
    expect((await readReport(join(cwd, 'a.json'))).guard.reasons).toEqual(['no-baseline']);
    expect((await readReport(join(cwd, 'b.json'))).changes).toMatchObject({
      created: 0,
      updated: users,
    });
    expect(await digestOf(join(cwd, 'out/users.csv'))).toBe(sha256(b.file));
    expect(await digestOf(join(stateDir, 'last-delivered.csv'))).toBe(sha256(b.file));
    expect(existsSync(join(stateDir, 'run.lock'))).toBe(false);
  });

  it('a run still holding the state after 5 s: the second refuses (exit 2), names it and changes nothing', async () => {
    const { cwd, stateDir, a, b } = await peers();
    const first = startCli(['run', '--report', 'a.json'], cwd, a.env);
    await lockTaken(stateDir);
    // The first holds the state until the second has given up.
    const resultB = await startCli(['run', '--report', 'b.json'], cwd, b.env).done;
    a.gate.open();

    expect(resultB.code, resultB.stderr).toBe(2);
    expect(resultB.stderr).toContain(
      `Error [state-locked]: Another sync360 run (pid ${String(first.child.pid)}`,
    );
    expect(resultB.stderr).toContain(
      `What to do: Wait for it to finish; if no sync360 is running, delete ${join('.sync360', 'run.lock')}`,
    );
    expect(resultB.stderr).not.toMatch(stackLine);
    expect(b.lucca.requests).toHaveLength(0);
    expect((await readReport(join(cwd, 'b.json'))).outcome).toBe('failed');
    expect(existsSync(join(cwd, 'out/users.csv'))).toBe(false);
    const resultA = await first.done;
    expect(resultA.code, resultA.stderr).toBe(0);
    expect(await digestOf(join(stateDir, 'last-delivered.csv'))).toBe(sha256(a.file));
  });

  it('the lock of a killed run is stale: the next run takes it over at once', async () => {
    const { cwd, stateDir, a, b } = await peers();
    const killed = startCli(['run'], cwd, a.env);
    await lockTaken(stateDir);
    killed.child.kill('SIGKILL');
    expect((await killed.done).signal).toBe('SIGKILL');
    expect(existsSync(join(stateDir, 'run.lock'))).toBe(true);
    const result = await startCli(['run'], cwd, b.env).done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('Waiting for another sync360 run');
    expect(await digestOf(join(stateDir, 'last-delivered.csv'))).toBe(sha256(b.file));
    expect(existsSync(join(stateDir, 'run.lock'))).toBe(false);
  });
});
