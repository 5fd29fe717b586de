import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '@sync360/core';
import { startSftpServer, type SftpTestServer } from '@sync360/testkit/sftp-server';
import { deliverBySftp } from '../src/index.js';
import { bytesOf, inboxOf, listDir, settingsFor } from './helpers.js';

const servers: SftpTestServer[] = [];
/** A server without posix-rename, with `inbox/` holding `files`. */
const start = async (files: Record<string, string>): Promise<SftpTestServer> => {
  const server = await startSftpServer({
    password: 'correct horse battery staple',
    faults: { noPosixRename: true },
  });
  servers.push(server);
  await mkdir(inboxOf(server));
  for (const [name, content] of Object.entries(files))
    await writeFile(join(inboxOf(server), name), content);
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const file = { name: 'users.csv', bytes: bytesOf('uniqueId\n42\n') };
const read = (server: SftpTestServer, name: string): Promise<string> =>
  readFile(join(inboxOf(server), name), 'utf8');

describe('the .prev swap on a server without posix-rename', () => {
  it('puts back an old file a crash left only as .prev, before anything else', async () => {
    const server = await start({ 'users.csv.prev': 'old\n' });
    server.faults = { ...server.faults, writeError: { message: 'Permission denied', code: 3 } };
    const error = await deliverBySftp(settingsFor(server), file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(server.operations[0]).toBe('rename /inbox/users.csv.prev -> /inbox/users.csv');
    expect(await listDir(inboxOf(server))).toEqual(['users.csv']);
    expect(await read(server, 'users.csv')).toBe('old\n');
  });

  it('removes a .prev left next to the final file, then delivers', async () => {
    const server = await start({ 'users.csv': 'new from last run\n', 'users.csv.prev': 'old\n' });
    const progress: string[] = [];
    await deliverBySftp(settingsFor(server), file, (m) => progress.push(m));
    expect(server.operations).toEqual([
      'remove /inbox/users.csv.prev',
      'rename /inbox/users.csv -> /inbox/users.csv.prev',
      'rename /inbox/users.csv.part -> /inbox/users.csv',
      'remove /inbox/users.csv.prev',
    ]);
    expect(progress).toContain('SFTP: removed inbox/users.csv.prev left by an earlier run');
    expect(await listDir(inboxOf(server))).toEqual(['users.csv']);
    expect(await read(server, 'users.csv')).toBe('uniqueId\n42\n');
  });

  it('keeps the old file under its name when the new one cannot be renamed into place', async () => {
    const server = await start({ 'users.csv': 'old\n' });
    server.faults = { ...server.faults, refuseRename: 'part' };
    const error = await deliverBySftp(settingsFor(server), file).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sftp-permission', details: { attempts: 1 } });
    expect(server.operations).toEqual([
      'rename /inbox/users.csv -> /inbox/users.csv.prev',
      'rename /inbox/users.csv.prev -> /inbox/users.csv',
      'remove /inbox/users.csv.part',
    ]);
    expect(await listDir(inboxOf(server))).toEqual(['users.csv']);
    expect(await read(server, 'users.csv')).toBe('old\n');
  });
});
