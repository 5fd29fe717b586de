import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { reportSchema } from '@sync360/core';
import { startSftpServer, type SftpTestServer } from '@sync360/testkit/sftp-server';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acquireRunLock } from '../src/state/run-lock.js';
import { runCli, user, writeUsers } from './cli-harness.js';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('sync360-state-');
});
afterEach(async () => dir.cleanup());

const readReport = async () =>
  reportSchema.parse(JSON.parse(await readFile(join(dir.path, 'report.json'), 'utf8')));
const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;
const digest = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
const team = (title = 'Comptable') =>
  Array.from({ length: 10 }, (_, index) => user(100 + index, { jobTitle: title }));
/** A pid that surely belongs to no process any more. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid ?? 0;

describe('personal data on the local disk', () => {
  it('files are 0600 and the folders sync360 creates 0700', async () => {
    await writeUsers(join(dir.path, 'users.json'), team());
    const result = await runCli(
      [
        'run',
        '--input',
        'users.json',
        '--report',
        'reports/nightly/report.json',
        '--out',
        'deep/out',
      ],
      { cwd: dir.path },
    );
    expect(result.code, result.stderr).toBe(0);
    for (const file of [
      'deep/out/users.csv',
      '.sync360/last-delivered.csv',
      '.sync360/last-delivered.json',
      'reports/nightly/report.json',
    ])
      expect((await modeOf(join(dir.path, file))).toString(8), file).toBe('600');
    for (const folder of ['deep', 'deep/out', '.sync360', 'reports', 'reports/nightly'])
      expect((await modeOf(join(dir.path, folder))).toString(8), folder).toBe('700');
    const built = await runCli(['build', '--input', 'users.json', '--out', 'built/users.csv'], {
      cwd: dir.path,
    });
    expect(built.code).toBe(0);
    expect((await modeOf(join(dir.path, 'built/users.csv'))).toString(8)).toBe('600');
  });

  it("after taking the lock, removes a killed run's temporary files (its exact names only)", async () => {
    await writeUsers(join(dir.path, 'users.json'), team());
    await mkdir(join(dir.path, 'out'));
    await mkdir(join(dir.path, '.sync360'));
    const dead = String(deadPid());
    // Kept: another pattern, a live process's file, a name that only looks alike.
    const kept = {
      out: ['.users.csv.tmp', `.users.csv.${String(process.pid)}.0badc0de.tmp`, 'notes.txt'],
      state: [`.last-delivered.csv.${dead}.xyz.tmp`],
    };
    const names = {
      out: [...kept.out, `.users.csv.${dead}.0badc0de.tmp`],
      '.sync360': [
        ...kept.state,
        `.last-delivered.csv.${dead}.12345678.tmp`,
        `run.lock.new-${dead}-abcdef01`,
      ],
    };
    for (const [folder, files] of Object.entries(names))
      for (const name of files) await writeFile(join(dir.path, folder, name), 'personal data');
    const result = await runCli(['run', '--input', 'users.json'], { cwd: dir.path });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'Removed 1 temporary files left by an interrupted run in ./out',
    );
    expect(result.stderr).toContain(
      'Removed 2 temporary files left by an interrupted run in ./.sync360',
    );
    expect((await readdir(join(dir.path, 'out'))).sort()).toEqual(
      [...kept.out, 'users.csv'].sort(),
    );
    expect((await readdir(join(dir.path, '.sync360'))).sort()).toEqual(
      [...kept.state, 'last-delivered.csv', 'last-delivered.json'].sort(),
    );
  });
});

describe('the run lock', () => {
  it('a lock not refreshed for 10 minutes is taken over, even with a live pid on this host', async () => {
    await writeUsers(join(dir.path, 'users.json'), team());
    const lock = join(dir.path, '.sync360/run.lock');
    await mkdir(join(dir.path, '.sync360'));
    await writeFile(lock, `${String(process.pid)} 2026-01-01T00:00:00.000Z ${hostname()}\n`);
    const old = new Date(Date.now() - 11 * 60_000);
    await utimes(lock, old, old);
    const result = await runCli(['run', '--input', 'users.json'], { cwd: dir.path });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('Waiting for another sync360 run');
    expect(existsSync(lock)).toBe(false);
  });

  it('a fresh lock of another host is waited for, whatever its pid, then refused', async () => {
    await writeUsers(join(dir.path, 'users.json'), team());
    const lock = join(dir.path, '.sync360/run.lock');
    await mkdir(join(dir.path, '.sync360'));
    const text = `${String(deadPid())} 2026-01-01T00:00:00.000Z other-host.example\n`;
    await writeFile(lock, text);
    const result = await runCli(['run', '--input', 'users.json'], { cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('on other-host.example');
    expect(result.stderr).toContain('Error [state-locked]');
    expect(await readFile(lock, 'utf8')).toBe(text);
  });

  it('the holder touches the lock while it runs, and removes it when done', async () => {
    const lock = join(dir.path, 'run.lock');
    const held = await acquireRunLock(dir.path, { refreshMs: 20 });
    const old = new Date(Date.now() - 11 * 60_000);
    await utimes(lock, old, old);
    for (let tries = 0; (await stat(lock)).mtimeMs <= old.getTime() + 1000; tries += 1) {
      expect(tries, 'the lock was never refreshed').toBeLessThan(500);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await readFile(lock, 'utf8')).split(' ')).toEqual([
      String(process.pid),
      expect.any(String),
      `${hostname()}\n`,
    ]);
    await held.release();
    expect(existsSync(lock)).toBe(false);
  });
});

describe('the state remembers its destination', () => {
  let sftp: SftpTestServer;
  const password = 'state-sftp-password-9f2';
  beforeAll(async () => {
    sftp = await startSftpServer({ password });
  });
  afterAll(async () => sftp.close());

  it("another destination's state is no baseline; a local --out run never replaces the SFTP baseline", async () => {
    await mkdir(join(sftp.root, 'inbox-state'));
    const sftpEnv = {
      SFTP_HOST: sftp.host,
      SFTP_PORT: String(sftp.port),
      SFTP_USERNAME: sftp.username,
      SFTP_PASSWORD: password,
      SFTP_HOST_KEY_SHA256: sftp.fingerprint,
      SFTP_REMOTE_DIR: 'inbox-state',
    };
    const run = (args: string[], env: Record<string, string> = {}) =>
      runCli(['run', '--input', 'users.json', '--report', 'report.json', ...args], {
        cwd: dir.path,
        env,
      });
    await writeUsers(join(dir.path, 'users.json'), team());
    expect((await run([])).code).toBe(0);
    expect((await readReport()).destination?.kind).toBe('local');

    const bySftp = await run([], sftpEnv);
    expect(bySftp.code, bySftp.stderr).toBe(0);
    const first = await readReport();
    expect(first).toMatchObject({ changes: null, destination: { kind: 'sftp' } });
    expect(first.guard.reasons).toContain('no-baseline');
    expect(first.warnings.join('\n')).toContain('another destination (local)');
    const baseline = await digest(join(dir.path, '.sync360/last-delivered.csv'));

    await writeUsers(join(dir.path, 'users.json'), team('Auditrice'));
    const local = await run(['--out', 'preview'], sftpEnv);
    expect(local.code, local.stderr).toBe(0);
    expect(local.stderr).toContain('the baseline of the configured sftp destination is kept');
    expect(await readReport()).toMatchObject({
      destination: { kind: 'local' },
      changes: { updated: 10 },
    });
    expect(await digest(join(dir.path, '.sync360/last-delivered.csv'))).toBe(baseline);

    const tonight = await run([], sftpEnv);
    expect(tonight.code, tonight.stderr).toBe(0);
    expect(await readReport()).toMatchObject({
      destination: { kind: 'sftp' },
      changes: { updated: 10 },
    });
    expect(await digest(join(sftp.root, 'inbox-state/users.csv'))).toBe(
      await digest(join(dir.path, 'preview/users.csv')),
    );
  });
});
