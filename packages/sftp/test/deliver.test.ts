import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '@sync360/core';
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
  await mkdir(inboxOf(server));
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const csv =
  'uniqueId,email,firstName,lastName,title,language,managerId,status\n1,a@b.co,Ann,Bee,,fr,,Active\n';

describe('deliverBySftp against the in-process server', () => {
  it('uploads with a password and leaves only the final file', async () => {
    const server = await start();
    const progress: string[] = [];
    const result = await deliverBySftp(
      settingsFor(server),
      { name: 'users.csv', bytes: bytesOf(csv) },
      (m) => progress.push(m),
    );
    expect(result).toEqual({
      remotePath: 'inbox/users.csv',
      attempts: 1,
      uploadedName: 'users.csv',
      uploadedBytes: bytesOf(csv).byteLength,
      encrypted: false,
    });
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

  it('replaces an existing file with one posix-rename', async () => {
    const server = await start();
    await writeFile(join(inboxOf(server), 'users.csv'), 'old content\n');
    const progress: string[] = [];
    await deliverBySftp(settingsFor(server), { name: 'users.csv', bytes: bytesOf(csv) }, (m) =>
      progress.push(m),
    );
    expect(await readFile(join(inboxOf(server), 'users.csv'), 'utf8')).toBe(csv);
    expect(await listDir(inboxOf(server))).toEqual(['users.csv']);
    expect(server.operations).toEqual(['rename /inbox/users.csv.part -> /inbox/users.csv']);
    expect(progress.at(-1)).toBe('SFTP: delivered inbox/users.csv (posix-rename)');
  });

  it('without posix-rename, moves the old file to .prev, the new one in, then removes .prev', async () => {
    const server = await start({ faults: { noPosixRename: true } });
    await writeFile(join(inboxOf(server), 'users.csv'), 'old content\n');
    const progress: string[] = [];
    await deliverBySftp(settingsFor(server), { name: 'users.csv', bytes: bytesOf(csv) }, (m) =>
      progress.push(m),
    );
    expect(await readFile(join(inboxOf(server), 'users.csv'), 'utf8')).toBe(csv);
    expect(await listDir(inboxOf(server))).toEqual(['users.csv']);
    // Never removed first: the old file keeps a name at every step.
    expect(server.operations).toEqual([
      'rename /inbox/users.csv -> /inbox/users.csv.prev',
      'rename /inbox/users.csv.part -> /inbox/users.csv',
      'remove /inbox/users.csv.prev',
    ]);
    expect(progress.at(-1)).toBe('SFTP: delivered inbox/users.csv (rename via .prev)');
  });

  it('without posix-rename and no previous file, renames once', async () => {
    const server = await start({ faults: { noPosixRename: true } });
    await deliverBySftp(settingsFor(server), { name: 'users.csv', bytes: bytesOf(csv) });
    expect(server.operations).toEqual(['rename /inbox/users.csv.part -> /inbox/users.csv']);
    expect(await readFile(join(inboxOf(server), 'users.csv'), 'utf8')).toBe(csv);
  });

  it('writes into the server root with remoteDir "." and truncates a stale .part', async () => {
    const server = await start();
    await rm(inboxOf(server), { recursive: true });
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
    await rm(inboxOf(server), { recursive: true });
    await writeFile(join(server.root, 'inbox'), 'not a folder');
    const error = await deliverBySftp(settingsFor(server), {
      name: 'users.csv',
      bytes: bytesOf(csv),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ code: 'sftp-remote-dir', details: { attempts: 1 } });
    expect(server.stats.connections).toBe(1);
  });

  it('fails with sftp-remote-dir-missing naming the folder, never creates it and does not retry', async () => {
    const server = await start();
    const error = await deliverBySftp(settingsFor(server, { remoteDir: 'inbox/typo' }), {
      name: 'users.csv',
      bytes: bytesOf(csv),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ code: 'sftp-remote-dir-missing', details: { attempts: 1 } });
    expect(error instanceof DeliveryError ? error.message : '').toContain('"inbox/typo"');
    expect(error instanceof DeliveryError ? error.hint : '').toContain('SFTP_REMOTE_DIR');
    expect(server.stats.connections).toBe(1);
    expect(await listDir(inboxOf(server))).toEqual([]);
    expect(server.operations).toEqual([]);
  });

  it('without a pin, refuses the server before sending any credential', async () => {
    const server = await start();
    const error = await deliverBySftp(settingsFor(server, { hostKeyPins: [] }), {
      name: 'users.csv',
      bytes: bytesOf(csv),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ code: 'sftp-host-key-mismatch', details: { attempts: 1 } });
    expect(server.stats.logins + server.stats.authFailures).toBe(0);
    expect(await listDir(inboxOf(server))).toEqual([]);
  });
});
