import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startSftpServer, type SftpTestServer } from '@sync360/testkit/sftp-server';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli-harness.js';

const password = 'doctor-password-123';
let dir: { path: string; cleanup: () => Promise<void> };
let server: SftpTestServer;
beforeEach(async () => {
  dir = await makeTempDir('sync360-doctor-');
  server = await startSftpServer({ password });
  await mkdir(join(server.root, 'inbox'));
});
afterEach(async () => {
  await server.close();
  await dir.cleanup();
});

const sftpEnv = (): Record<string, string> => ({
  SFTP_HOST: server.host,
  SFTP_PORT: String(server.port),
  SFTP_USERNAME: server.username,
  SFTP_PASSWORD: password,
  SFTP_REMOTE_DIR: 'inbox',
});

describe('sync360 doctor and SFTP', () => {
  it('without a pin, shows the server fingerprint and how to pin it, never authenticating', async () => {
    const result = await runCli(['doctor'], { cwd: dir.path, env: sftpEnv() });
    expect(result.code).toBe(5);
    expect(result.stdout).toMatch(/FAIL\s+sftp\s+host key: no pin set/);
    expect(result.stdout).toContain(`presents ${server.fingerprint}`);
    expect(result.stdout).toContain(`SFTP_HOST_KEY_SHA256=${server.fingerprint}`);
    expect(server.stats.connections).toBe(1);
    expect(server.stats.logins + server.stats.authFailures).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(password);
  });

  it('with the pin it printed, passes the SFTP checks', async () => {
    const env = { ...sftpEnv(), SFTP_HOST_KEY_SHA256: server.fingerprint };
    const result = await runCli(['doctor'], { cwd: dir.path, env });
    expect(result.stdout).toMatch(/ok\s+sftp\s+remote folder/);
    expect(server.stats.logins).toBe(1);
  });

  it('reports a missing SFTP_REMOTE_DIR with exit 5 and never creates it', async () => {
    const env = {
      ...sftpEnv(),
      SFTP_HOST_KEY_SHA256: server.fingerprint,
      SFTP_REMOTE_DIR: 'inbox/typo',
    };
    const result = await runCli(['doctor'], { cwd: dir.path, env });
    expect(result.code).toBe(5);
    expect(result.stdout).toMatch(/FAIL\s+sftp\s+remote folder: .*"inbox\/typo" does not exist/);
    expect(result.stdout).toContain('SFTP_REMOTE_DIR');
    expect(server.operations).toEqual([]);
  });

  it('a server that cannot be reached fails its check with a fix that speaks of the check, not of a run', async () => {
    const port = server.port;
    const fingerprint = server.fingerprint;
    await server.close();
    const result = await runCli(['doctor'], {
      cwd: dir.path,
      env: {
        ...sftpEnv(),
        SFTP_PORT: String(port),
        SFTP_HOST_KEY_SHA256: fingerprint,
        SFTP_ATTEMPTS: '1',
      },
    });
    expect(result.code).toBe(5);
    const line = result.stdout.split('\n').find((text) => text.startsWith('FAIL')) ?? '';
    expect(line).toMatch(/^FAIL\s+sftp\s+.* — fix: /);
    expect(line).not.toMatch(/Nothing was delivered|next run/);
  });

  it('still refuses a run without a pin, before any network call', async () => {
    const result = await runCli(['run', '--dry-run'], { cwd: dir.path, env: sftpEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SFTP_HOST_KEY_SHA256');
    expect(server.stats.connections).toBe(0);
  });
});
