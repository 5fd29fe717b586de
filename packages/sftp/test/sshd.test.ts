import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '@sync360/core';
import { sshdAvailable, startSshd, type SshdServer } from '@sync360/testkit/sshd';
import { checkSftp, deliverBySftp, type SftpSettings } from '../src/index.js';
import { parseHostKeyPins } from '../src/settings.js';
import { bytesOf } from './helpers.js';

describe.runIf(sshdAvailable('sftp'))('deliverBySftp against a real OpenSSH sshd', () => {
  let sshd: SshdServer;
  let settings: SftpSettings;

  beforeAll(async () => {
    sshd = await startSshd();
    await mkdir(join(sshd.dir, 'inbox'));
    const pins = parseHostKeyPins(sshd.hostKeyLine);
    if (!pins.ok) throw new Error(pins.reason);
    settings = {
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      privateKey: sshd.privateKey,
      hostKeyPins: pins.pins,
      remoteDir: join(sshd.dir, 'inbox'),
      connectTimeoutMs: 5_000,
      operationTimeoutMs: 5_000,
      retryBaseDelayMs: 10,
    };
  });
  afterAll(async () => {
    await sshd?.close();
  });

  it('takes its pin from an ssh-keygen -lf line', () => {
    expect(sshd.hostKeyLine).toMatch(/^256 SHA256:\S+ sync360-test-host \(ED25519\)$/);
    expect(settings.hostKeyPins).toEqual([sshd.fingerprint]);
  });

  it('delivers, then replaces the file atomically (posix-rename)', async () => {
    const first = await deliverBySftp(settings, { name: 'users.csv', bytes: bytesOf('v1\n') });
    expect(first).toMatchObject({ remotePath: join(sshd.dir, 'inbox', 'users.csv'), attempts: 1 });
    const big = bytesOf('x'.repeat(300_000));
    const progress: string[] = [];
    await deliverBySftp(settings, { name: 'users.csv', bytes: big }, (m) => progress.push(m));
    expect(progress.at(-1)).toMatch(/delivered .*users\.csv \(posix-rename\)$/);
    expect((await readFile(join(sshd.dir, 'inbox', 'users.csv'))).length).toBe(300_000);
    expect(await readdir(join(sshd.dir, 'inbox'))).toEqual(['users.csv']);
  });

  it('passes the doctor checks and removes its probe', async () => {
    const checks = await checkSftp(settings);
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['host key', true],
      ['login', true],
      ['remote folder', true],
    ]);
    expect(await readdir(join(sshd.dir, 'inbox'))).toEqual(['users.csv']);
  });

  it('rejects a wrong pin without retry and names the fingerprint ssh-keygen prints', async () => {
    const error = await deliverBySftp(
      { ...settings, hostKeyPins: ['SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU'] },
      { name: 'other.csv', bytes: bytesOf('x\n') },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ code: 'sftp-host-key-mismatch', details: { attempts: 1 } });
    expect(String(error instanceof Error ? error.message : '')).toContain(sshd.fingerprint);
  });

  it('rejects a password login as sftp-auth without retry', async () => {
    const passwordOnly: SftpSettings = { ...settings, password: 'not-accepted-here' };
    delete passwordOnly.privateKey;
    const error = await deliverBySftp(passwordOnly, {
      name: 'other.csv',
      bytes: bytesOf('x\n'),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sftp-auth', details: { attempts: 1 } });
  });

  it('reports a remote folder path that is a file, and changes nothing', async () => {
    const locked = join(sshd.dir, 'locked');
    await mkdir(locked);
    await writeFile(join(locked, 'users.csv'), 'keep\n');
    // As root, permissions do not stop writes; a regular file where the folder should be does.
    const error = await deliverBySftp(
      { ...settings, remoteDir: join(locked, 'users.csv') },
      { name: 'x.csv', bytes: bytesOf('x\n') },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sftp-remote-dir' });
    expect(await readFile(join(locked, 'users.csv'), 'utf8')).toBe('keep\n');
  });

  it('reports a missing remote folder as sftp-remote-dir-missing and never creates it', async () => {
    const missing = join(sshd.dir, 'no-such-inbox');
    const error = await deliverBySftp(
      { ...settings, remoteDir: missing },
      { name: 'users.csv', bytes: bytesOf('x\n') },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sftp-remote-dir-missing', details: { attempts: 1 } });
    expect(String(error instanceof Error ? error.message : '')).toContain(missing);
    const checks = await checkSftp({ ...settings, remoteDir: missing });
    expect(checks.map((c) => [c.name, c.ok]).at(-1)).toEqual(['remote folder', false]);
    expect(checks.at(-1)?.detail).toContain(`"${missing}" does not exist`);
    await expect(readdir(missing)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('doctor without a pin shows the fingerprint ssh-keygen prints, never authenticating', async () => {
    const logBefore = sshd.log().length;
    const checks = await checkSftp({ ...settings, hostKeyPins: [] });
    expect(checks.map((c) => [c.name, c.ok])).toEqual([['host key', false]]);
    expect(checks[0]?.detail).toContain(`presents ${sshd.fingerprint}`);
    expect(checks[0]?.fix).toContain(`SFTP_HOST_KEY_SHA256=${sshd.fingerprint}`);
    // sshd logs every authentication attempt ("Accepted publickey", "Failed ...", "userauth").
    expect(sshd.log().slice(logBefore)).not.toMatch(/Accepted|Failed|Postponed|userauth/i);
  });
});
