import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeLuccaUsers, startFakeLucca, type FakeLucca } from '@sync360/testkit/lucca-server';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killStrays, labelUsers, runCli, today, writeInput } from './helpers.js';

// SPEC §3: a path that cannot be made, or an --out that is a file, is exit 2 before any network
// call, naming the flag or variable and the fix; no filesystem step may hang a run. Under /proc
// Node 20's `mkdir -p` never returns: each of these runs must end (a hang fails on the test timeout,
// and killStrays ends the child).
let dir: { path: string; cleanup: () => Promise<void> };
let lucca: FakeLucca;
beforeEach(async () => {
  dir = await makeTempDir('sync360-odd-paths-');
  lucca = await startFakeLucca({ users: makeLuccaUsers(5, { today }), today });
});
afterEach(async () => {
  await killStrays();
  await lucca.close();
  await dir.cleanup();
});

const luccaEnv = (): Record<string, string> => ({
  LUCCA_BASE_URL: lucca.url,
  LUCCA_API_KEY: lucca.apiKey,
});

describe('a path that cannot be made fails at once, exit 2, before any network call', () => {
  it.each([
    ['--report', ['--report', '/proc/nope/r.json'], {}],
    ['SYNC360_STATE_DIR', [], { SYNC360_STATE_DIR: '/proc/nope/state' }],
    ['SYNC360_OUTPUT_DIR', [], { SYNC360_OUTPUT_DIR: '/proc/nope/out' }],
    ['--out', ['--out', '/proc/nope/out'], {}],
  ])('%s under /proc', async (name, args, env) => {
    const result = await runCli(['run', ...args], dir.path, { ...luccaEnv(), ...env });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(name);
    expect(result.stderr).toMatch(/What to do: .*(Point|Give|Choose)/);
    expect(lucca.requests).toEqual([]);
  });

  it('--report naming an existing folder is exit 2 naming --report', async () => {
    await mkdir(join(dir.path, 'reports'));
    const result = await runCli(['run', '--report', 'reports'], dir.path, luccaEnv());
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('--report');
    expect(lucca.requests).toEqual([]);
  });
});

describe('--out naming an existing file', () => {
  it.each([[[]], [['--dry-run']]])(
    'is exit 2 naming --out and the fix %j, and delivers nothing',
    async (extra) => {
      await writeFile(join(dir.path, 'users.csv'), 'not a folder\n');
      const result = await runCli(
        ['run', '--out', 'users.csv', '--report', 'report.json', ...extra],
        dir.path,
        luccaEnv(),
      );
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('--out');
      expect(result.stderr).toMatch(/What to do: Point --out at a folder/);
      expect(lucca.requests).toEqual([]);
      expect((await readdir(dir.path)).sort()).toEqual(['report.json', 'users.csv']);
    },
  );
});

describe('the step summary', () => {
  it('a GITHUB_STEP_SUMMARY file sync360 creates is 0600', async () => {
    const input = await writeInput(join(dir.path, 'users.json'), labelUsers(3));
    const summary = join(dir.path, 'summary.md');
    const result = await runCli(['run', '--input', input, '--dry-run'], dir.path, {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(((await stat(summary)).mode & 0o777).toString(8)).toBe('600');
    await rm(summary);
  });
});

describe('--approve', () => {
  it.each(['0123abcd', '0123abcd4', '0123abcd45', '0123abcd456'])(
    'with %s (8 to 11 hex digits) is exit 2: a prefix needs at least 12',
    async (prefix) => {
      const result = await runCli(['run', '--approve', prefix], dir.path, luccaEnv());
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('--approve');
      expect(result.stderr).toContain('12');
      expect(lucca.requests).toEqual([]);
    },
  );
  it('with 12 hex digits passes the command line (the run then reads Lucca)', async () => {
    const result = await runCli(['run', '--approve', '0123abcd4567', '--dry-run'], dir.path, {
      ...luccaEnv(),
    });
    expect(result.stderr).not.toContain('--approve needs');
    expect(lucca.requests.length).toBeGreaterThan(0);
  });
});

describe('a FIFO where sync360 expects a file never holds a run', () => {
  it('last-delivered.csv that is a FIFO is exit 2 naming it, before any network call', async () => {
    await mkdir(join(dir.path, '.sync360'));
    execFileSync('mkfifo', [join(dir.path, '.sync360/last-delivered.csv')]);
    const result = await runCli(['run'], dir.path, luccaEnv());
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('Error [state-corrupt]: .sync360/last-delivered.csv');
    expect(lucca.requests).toEqual([]);
  });

  it('a GITHUB_STEP_SUMMARY that is a FIFO nobody reads is a warning; the run ends', async () => {
    const input = await writeInput(join(dir.path, 'users.json'), labelUsers(3));
    const summary = join(dir.path, 'summary');
    execFileSync('mkfifo', [summary]);
    const result = await runCli(['run', '--input', input, '--dry-run'], dir.path, {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toContain('could not write the step summary');
  });
});

describe('a run lock that is not a file', () => {
  it('is exit 2 naming it and the fix, never a wait on a FIFO', async () => {
    const input = await writeInput(join(dir.path, 'users.json'), labelUsers(3));
    await mkdir(join(dir.path, '.sync360'));
    execFileSync('mkfifo', [join(dir.path, '.sync360/run.lock')]);
    const result = await runCli(['run', '--input', input], dir.path);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('Error [state-locked]: .sync360/run.lock is not a file');
    expect(result.stderr).toContain(
      'What to do: If no sync360 is running, delete .sync360/run.lock',
    );
  });
});
