import { mkdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { generateTestKeyPair } from '@sync360/testkit/sftp-keys';
import {
  startSftpServer,
  type SftpServerOptions,
  type SftpTestServer,
} from '@sync360/testkit/sftp-server';
import { checkSftp } from '../src/index.js';
import { inboxOf, listDir, settingsFor } from './helpers.js';

const servers: SftpTestServer[] = [];
const start = async (options: SftpServerOptions = {}): Promise<SftpTestServer> => {
  const server = await startSftpServer({ password: 'correct horse battery staple', ...options });
  servers.push(server);
  await mkdir(inboxOf(server));
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const summary = (checks: ReadonlyArray<{ name: string; ok: boolean }>): Array<[string, boolean]> =>
  checks.map((c) => [c.name, c.ok]);

describe('checkSftp', () => {
  it('passes host key, login and a writable folder, leaving nothing behind', async () => {
    const server = await start();
    const checks = await checkSftp(settingsFor(server));
    expect(summary(checks)).toEqual([
      ['host key', true],
      ['login', true],
      ['remote folder', true],
    ]);
    expect(checks.every((c) => c.system === 'sftp' && c.fix === null)).toBe(true);
    expect(checks[0]?.detail).toContain(server.fingerprint);
    expect(await listDir(inboxOf(server))).toEqual([]);
  });

  it('works with a private key', async () => {
    const key = generateTestKeyPair();
    const server = await start({ authorizedKey: key.public });
    const settings = settingsFor(server, { privateKey: key.private });
    delete settings.password;
    expect(summary(await checkSftp(settings))).toEqual([
      ['host key', true],
      ['login', true],
      ['remote folder', true],
    ]);
  });

  it('shows the presented fingerprint on a mismatch, and how to pin it', async () => {
    const server = await start();
    const checks = await checkSftp(
      settingsFor(server, { hostKeyPins: ['SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU'] }),
    );
    expect(summary(checks)).toEqual([['host key', false]]);
    expect(checks[0]?.detail).toContain(server.fingerprint);
    expect(checks[0]?.fix).toContain(`SFTP_HOST_KEY_SHA256=${server.fingerprint}`);
    expect(server.stats.logins + server.stats.authFailures).toBe(0);
  });

  it('without a pin, reads the fingerprint but never logs in', async () => {
    const server = await start();
    const checks = await checkSftp(settingsFor(server, { hostKeyPins: [] }));
    expect(summary(checks)).toEqual([['host key', false]]);
    expect(checks[0]?.detail).toContain(`presents ${server.fingerprint}`);
    expect(checks[0]?.fix).toContain(`SFTP_HOST_KEY_SHA256=${server.fingerprint}`);
    expect(server.stats.logins + server.stats.authFailures).toBe(0);
  });

  it('reports a failed login after a good host key', async () => {
    const server = await start();
    const checks = await checkSftp(settingsFor(server, { password: 'not the password' }));
    expect(summary(checks)).toEqual([
      ['host key', true],
      ['login', false],
    ]);
    expect(checks[1]?.fix).toContain('SFTP_PASSWORD');
  });

  it('reports a missing remote folder without creating it', async () => {
    const server = await start();
    const checks = await checkSftp(settingsFor(server, { remoteDir: 'nowhere' }));
    expect(summary(checks)).toEqual([
      ['host key', true],
      ['login', true],
      ['remote folder', false],
    ]);
    expect(checks[2]?.detail).toContain('"nowhere" does not exist');
    expect(checks[2]?.fix).toContain('SFTP_REMOTE_DIR');
    expect(await listDir(server.root)).toEqual(['inbox']);
  });

  it('reports a folder it cannot write to', async () => {
    const server = await start({
      faults: { writeError: { message: 'Permission denied', code: 3 } },
    });
    const checks = await checkSftp(settingsFor(server));
    expect(summary(checks).at(-1)).toEqual(['remote folder', false]);
    expect(checks.at(-1)?.fix).toContain('360Learning');
    expect(await listDir(inboxOf(server))).toEqual([]);
  });

  it('reports an unreachable server on the host key line', async () => {
    const server = await start();
    const settings = settingsFor(server);
    await server.close();
    const checks = await checkSftp(settings);
    expect(summary(checks)).toEqual([['host key', false]]);
    expect(checks[0]?.detail).toContain('could not reach');
  });
});
