import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, user, writeUsers } from './cli-harness.js';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('sync360-cmd-');
});
afterEach(async () => dir.cleanup());

describe('configuration and usage errors', () => {
  it('lists every bad variable by name with its fix, and never prints a secret', async () => {
    const result = await runCli(['run'], {
      cwd: dir.path,
      env: {
        SYNC360_CSV_DELIMITER: '|',
        SYNC360_TODAY: '2026-02-30',
        SFTP_PORT: 'abc',
        LUCCA_API_KEY: 'super-secret-key',
        SYNC360_HEADER: 'a,b',
        SFTP_HOST: 'h',
        SFTP_HOST_KEY_SHA256: 'MD5:nope',
        SFTP_PASSWORD: 'pw-secret-1',
      },
    });
    expect(result.code).toBe(2);
    for (const name of [
      'SYNC360_CSV_DELIMITER',
      'SYNC360_TODAY',
      'SFTP_PORT',
      'SYNC360_HEADER',
      'LUCCA_BASE_URL',
      'SFTP_HOST_KEY_SHA256',
      'SFTP_USERNAME',
    ])
      expect(result.stderr).toContain(name);
    expect(result.stderr).not.toContain('pw-secret-1');
    expect(result.stderr + result.stdout).not.toContain('super-secret-key');
  });
  it('requires both Lucca variables and a host-key pin with SFTP_HOST, before any network call', async () => {
    const result = await runCli(['run'], {
      cwd: dir.path,
      env: {
        LUCCA_API_KEY: 'k-123456',
        SFTP_HOST: 'sftp.example.invalid',
        SFTP_USERNAME: 'u',
        SFTP_PASSWORD: 'pw-123456',
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('LUCCA_BASE_URL');
    expect(result.stderr).toContain('SFTP_HOST_KEY_SHA256');
  });
  it('rejects an unreadable SFTP_PRIVATE_KEY before any network call, without echoing it', async () => {
    const result = await runCli(['run'], {
      cwd: dir.path,
      env: {
        SFTP_HOST: 'sftp.example.invalid',
        SFTP_USERNAME: 'u',
        SFTP_PRIVATE_KEY:
          '-----BEGIN OPENSSH PRIVATE KEY-----\\nbroken-key-body-123\\n-----END OPENSSH PRIVATE KEY-----',
        SFTP_HOST_KEY_SHA256: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SFTP_PRIVATE_KEY');
    expect(result.stderr + result.stdout).not.toContain('broken-key-body-123');
  });
  it.each([
    [['frobnicate']],
    [['run', '--nope']],
    [['reminders', '--force']],
    [['run', '--report']],
  ])('rejects %j with exit 2', async (args) => {
    const result = await runCli(args, { cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/sync360|--/);
  });
  it('prints help with exit 0', async () => {
    const result = await runCli(['run', '--help'], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--dry-run');
  });
  it('`sync360 help` prints the usage of every command and every variable, exit 0', async () => {
    const result = await runCli(['help'], { cwd: dir.path });
    expect(result.code, result.stderr).toBe(0);
    for (const command of ['run', 'build', 'reminders', 'watchdog', 'doctor'])
      expect(result.stdout).toMatch(new RegExp(`^Usage: sync360 ${command}\\b`, 'm'));
    expect(result.stdout).toMatch(/^ {2}SFTP_HOST_KEY_SHA256 /m);
    expect(result.stdout).toMatch(/^ {2}LUCCA_API_KEY .*\(secret\)$/m);
    const one = await runCli(['help', 'build'], { cwd: dir.path });
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Usage: sync360 build --out FILE \[flags\]$/m);
  });
  it('build --help says what build needs and does: --out only, --input optional, no delivery', async () => {
    const result = await runCli(['build', '--help'], { cwd: dir.path });
    expect(result.code).toBe(0);
    const usage = result.stdout.split('\n')[0] ?? '';
    expect(usage).toBe('Usage: sync360 build --out FILE [flags]');
    expect(result.stdout).toMatch(/^ {2}--out FILE +where to write the 360 CSV \(required\)$/m);
    expect(result.stdout).toMatch(/^ {2}--input FILE +Lucca users JSON instead of the API/m);
    expect(result.stdout).toContain('no delivery');
    expect(result.stdout).not.toContain('--dry-run');
  });
});

describe('a failure is printed once', () => {
  it('a Lucca that cannot be reached: the error and its fix on stderr only, once', async () => {
    const closed = await import('node:net').then(
      ({ createServer }) =>
        new Promise<number>((resolvePort) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() =>
              resolvePort(typeof address === 'object' && address !== null ? address.port : 0),
            );
          });
        }),
    );
    const result = await runCli(['run'], {
      cwd: dir.path,
      env: {
        LUCCA_BASE_URL: `http://127.0.0.1:${String(closed)}`,
        LUCCA_API_KEY: 'k-123456',
        LUCCA_RETRIES: '0',
      },
    });
    expect(result.code).toBe(4);
    const both = result.stdout + result.stderr;
    const message = /^Error \[lucca-unreachable\]: (.+)$/m.exec(result.stderr)?.[1] ?? '';
    expect(message).not.toBe('');
    expect(both.split(message).length - 1).toBe(1);
    expect(both.match(/What to do: /g)).toHaveLength(1);
    expect(result.stdout).toContain('Outcome: FAILED (lucca-unreachable)');
  });
});

describe('sync360 build', () => {
  it('writes the CSV offline and prints the validation report', async () => {
    const input = await writeUsers(join(dir.path, 'users.json'), [
      user(2),
      user(1, { culture: 'de-AT' }),
      user(3, { mail: null }),
    ]);
    const result = await runCli(['build', '--input', input, '--out', 'users.csv'], {
      cwd: dir.path,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('missing-email');
    const csv = await readFile(join(dir.path, 'users.csv'), 'utf8');
    expect(csv.split('\n').map((line) => line.split(',')[0])).toEqual(['uniqueId', '1', '2', '']);
    expect(csv).toContain(',de,');
  });
  it('needs --out', async () => {
    expect((await runCli(['build'], { cwd: dir.path })).code).toBe(2);
  });
});

describe('sync360 reminders', () => {
  it('lists reminders as JSON, most overdue first', async () => {
    const input = await writeUsers(join(dir.path, 'users.json'), [
      user(1, { dtContractStart: '2026-11-20T00:00:00' }, null),
      user(2, { dtContractEnd: '2026-10-01T00:00:00' }),
    ]);
    const result = await runCli(['reminders', '--input', input, '--json'], { cwd: dir.path });
    expect(result.code).toBe(0);
    const reminders: unknown = JSON.parse(result.stdout);
    expect(reminders).toEqual([
      expect.objectContaining({
        kind: 'offboarding',
        employeeNumber: '2',
        dueSince: '2026-10-02',
        daysOverdue: 54,
        luccaId: '2',
      }),
      expect.objectContaining({
        kind: 'onboarding',
        employeeNumber: '1',
        dueSince: '2026-11-20',
        daysOverdue: 5,
      }),
    ]);
  });
  it('refuses --notify without Slack', async () => {
    const result = await runCli(['reminders', '--notify'], { cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN');
  });
});

describe('sync360 doctor', () => {
  it('prints one line per check and fails on a corrupt state file', async () => {
    const ok = await runCli(['doctor'], { cwd: dir.path });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok\s+config\s+source: DEMO DATA/m);
    expect(ok.stdout).toMatch(/^ok\s+local\s+delivery: local folder/m);
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir.path, '.sync360')));
    await writeFile(join(dir.path, '.sync360/last-delivered.csv'), 'garbage\n');
    const broken = await runCli(['doctor'], { cwd: dir.path });
    expect(broken.code).toBe(2);
    expect(broken.stdout).toMatch(/FAIL\s+local\s+state: .* — fix: /);
  });
});
