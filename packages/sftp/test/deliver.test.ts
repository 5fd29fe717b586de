import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, DeliveryError } from '@sync360/core';
import { generateTestKeyPair } from '@sync360/testkit/sftp-keys';
import {
  startSftpServer,
  type SftpServerOptions,
  type SftpTestServer,
} from '@sync360/testkit/sftp-server';
import { deliverBySftp } from '../src/index.js';
import { bytesOf, inboxOf, listDir, settingsFor } from './helpers.js';

const servers: SftpTestServer[] = [];
const start = async (options: SftpServerOptions = {}): Promise<SftpTestServer> => {
  const server = await startSftpServer({ password: 'correct horse battery staple', ...options });
  servers.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const csv =
  'uniqueId,email,firstName,lastName,title,language,managerId,status\n1,a@b.co,Ann,Bee,,fr,,Active\n';

describe('deliverBySftp against the in-process server', () => {
  it('uploads with a password, creates the remote folder and leaves only the final file', async () => {
    const server = await start();
    const progress: string[] = [];
    const result = await deliverBySftp(
      settingsFor(server),
      { name: 'users.csv', bytes: bytesOf(csv) },
      (m) => progress.push(m),
    );
    expect(result).toEqual({ remotePath: 'inbox/users.csv', attempts: 1 });
    expect(await readFile(join(inboxOf(server), 'users.csv'), 'utf8')).toBe(csv);
    expect(await listDir(inboxOf(server))).toEqual(['users.csv']);
    expect(progress.some((m) => m.includes('users.csv.part'))).toBe(true);
  });

  it('uploads with a private key', async () => {
    const key = generateTestKeyPair();
    const server = await start({ authorizedKey: key.public });
    const settings = settingsFor(server, { privateKey: key.private });
    delete settings.password;
    await deliverBySftp(settings, { name: 'users.csv', bytes: bytesOf(csv) });
    expect(await readFile(join(inboxOf(server), 'users.csv'), 'utf8')).toBe(csv);
  });

  it('answers keyboard-interactive password prompts', async () => {
    const server = await start({ keyboardInteractive: true });
    await deliverBySftp(settingsFor(server), { name: 'users.csv', bytes: bytesOf(csv) });
    expect(await readFile(join(inboxOf(server), 'users.csv'), 'utf8')).toBe(csv);
    const error = await deliverBySftp(settingsFor(server, { password: 'wrong one' }), {
      name: 'users.csv',
      bytes: bytesOf(csv),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sftp-auth', details: { attempts: 1 } });
  });

  it('replaces an existing file (server without posix-rename: remove then rename)', async () => {
    const server = await start();
    await mkdir(inboxOf(server), { recursive: true });
    await writeFile(join(inboxOf(server), 'users.csv'), 'old content\n');
    const progress: string[] = [];
    await deliverBySftp(settingsFor(server), { name: 'users.csv', bytes: bytesOf(csv) }, (m) =>
      progress.push(m),
    );
    expect(await readFile(join(inboxOf(server), 'users.csv'), 'utf8')).toBe(csv);
    expect(await listDir(inboxOf(server))).toEqual(['users.csv']);
    expect(progress.at(-1)).toBe('SFTP: delivered inbox/users.csv (remove-then-rename)');
  });

  it('writes into the server root with remoteDir "." and truncates a stale .part', async () => {
    const server = await start();
    await writeFile(join(server.root, 'users.csv.part'), 'x'.repeat(10_000));
    const result = await deliverBySftp(settingsFor(server, { remoteDir: '.' }), {
      name: 'users.csv',
      bytes: bytesOf(csv),
    });
    expect(result.remotePath).toBe('users.csv');
    expect(await readFile(join(server.root, 'users.csv'), 'utf8')).toBe(csv);
    expect(await listDir(server.root)).toEqual(['users.csv']);
  });

  it('fails with sftp-remote-dir when the remote folder path is a file', async () => {
    const server = await start();
    await writeFile(join(server.root, 'inbox'), 'not a folder');
    const error = await deliverBySftp(settingsFor(server), {
      name: 'users.csv',
      bytes: bytesOf(csv),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ code: 'sftp-remote-dir', details: { attempts: 1 } });
    expect(server.stats.connections).toBe(1);
  });

  it('refuses to connect without a pin, before any network call', async () => {
    const server = await start();
    const error = await deliverBySftp(settingsFor(server, { hostKeyPins: [] }), {
      name: 'users.csv',
      bytes: bytesOf(csv),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'sftp-host-key-missing' });
    expect(String(error instanceof ConfigError ? error.hint : '')).toContain(
      'SFTP_HOST_KEY_SHA256',
    );
    expect(server.stats.connections).toBe(0);
  });

  it.each([
    ['a malformed pin', { hostKeyPins: ['SHA256:nope'] }, 'sftp-host-key-invalid'],
    ['no credential', { password: '' }, 'sftp-credentials-missing'],
    [
      'an unreadable private key',
      {
        privateKey:
          '-----BEGIN OPENSSH PRIVATE KEY-----\nbroken\n-----END OPENSSH PRIVATE KEY-----',
      },
      'sftp-private-key-invalid',
    ],
  ])('rejects %s as a ConfigError without connecting', async (_label, overrides, code) => {
    const server = await start();
    const error = await deliverBySftp(settingsFor(server, overrides), {
      name: 'users.csv',
      bytes: bytesOf(csv),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code });
    expect(server.stats.connections).toBe(0);
  });

  it('rejects a file name with a folder part', async () => {
    const server = await start();
    const error = await deliverBySftp(settingsFor(server), {
      name: '../users.csv',
      bytes: bytesOf(csv),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sftp-file-name-invalid' });
  });
});
