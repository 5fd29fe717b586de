import { failInvalidHostLookups } from '@sync360/testkit/unresolvable-hosts';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { DeliveryError } from '@sync360/core';
import {
  startSftpServer,
  type SftpServerOptions,
  type SftpTestServer,
} from '@sync360/testkit/sftp-server';
import { startSilentServer } from '@sync360/testkit/sftp-silent-server';
import { deliverBySftp } from '../src/index.js';
import { bytesOf, inboxOf, listDir, settingsFor } from './helpers.js';

const cleanups: Array<() => Promise<void>> = [];
const start = async (options: SftpServerOptions = {}): Promise<SftpTestServer> => {
  const server = await startSftpServer({ password: 'correct horse battery staple', ...options });
  cleanups.push(() => server.close());
  await mkdir(inboxOf(server));
  return server;
};
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** 200 KiB: several SFTP WRITE requests, so a drop lands mid-upload. */
const big = bytesOf('0123456789abcdef'.repeat(12_800));
const file = { name: 'users.csv', bytes: big };

const failure = async (promise: Promise<unknown>): Promise<DeliveryError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DeliveryError))
    throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
};

describe('deliverBySftp faults', () => {
  it('retries a connection dropped mid-upload, then delivers the whole file', async () => {
    const server = await start({ faults: { dropMidUpload: { afterBytes: 32_768, times: 1 } } });
    const progress: string[] = [];
    const result = await deliverBySftp(settingsFor(server), file, (m) => progress.push(m));
    expect(result.attempts).toBe(2);
    expect(server.stats.drops).toBe(1);
    expect(server.stats.connections).toBe(2);
    expect((await readFile(join(inboxOf(server), 'users.csv'))).equals(Buffer.from(big))).toBe(
      true,
    );
    expect(await listDir(inboxOf(server))).toEqual(['users.csv']);
    expect(progress.some((m) => m.includes('attempt 1/3 failed (sftp-network'))).toBe(true);
  });

  it('gives up after 3 dropped attempts with nothing under the final name', async () => {
    const server = await start({ faults: { dropMidUpload: { afterBytes: 32_768 } } });
    const error = await failure(deliverBySftp(settingsFor(server), file));
    expect(error.code).toBe('sftp-network');
    expect(error.details['attempts']).toBe(3);
    expect(error.message).toContain('gave up after 3 attempts');
    expect(server.stats.connections).toBe(3);
    expect(await listDir(inboxOf(server))).not.toContain('users.csv');
  });

  it('reports a full disk as sftp-disk-full, removes the .part and does not retry', async () => {
    const server = await start({ faults: { writeError: { message: 'No space left on device' } } });
    const error = await failure(deliverBySftp(settingsFor(server), file));
    expect(error.code).toBe('sftp-disk-full');
    expect(error.message).toContain('No space left on device');
    expect(error.hint).toMatch(/space|quota/);
    expect(server.stats.connections).toBe(1);
    expect(await listDir(inboxOf(server))).toEqual([]);
  });

  it('fails the upload when the server refuses to CLOSE the file, even with every byte written', async () => {
    const server = await start({ faults: { closeError: { message: 'flush to storage failed' } } });
    const progress: string[] = [];
    const error = await failure(deliverBySftp(settingsFor(server), file, (m) => progress.push(m)));
    expect(error.code).toBe('sftp-upload');
    expect(error.message).toContain('flush to storage failed');
    expect(error.details['attempts']).toBe(1);
    expect(progress.some((m) => m.includes('delivered'))).toBe(false);
    expect(server.operations).toEqual(['remove /inbox/users.csv.part']);
    expect(await listDir(inboxOf(server))).toEqual([]);
  });

  it('catches a short upload by its remote size, retries, and never renames it', async () => {
    const server = await start({ faults: { truncateAt: 1_000 } });
    const progress: string[] = [];
    const error = await failure(deliverBySftp(settingsFor(server), file, (m) => progress.push(m)));
    expect(error.code).toBe('sftp-verify');
    expect(error.message).toContain(`remote size 1000 bytes, expected ${big.length}`);
    expect(error.details['attempts']).toBe(3);
    expect(progress.filter((m) => m.includes('cleaned up inbox/users.csv.part'))).toHaveLength(3);
    expect(await listDir(inboxOf(server))).toEqual([]);
  });

  it('reports a refused rename, removes the .part and keeps the previous file', async () => {
    const server = await start();
    await deliverBySftp(settingsFor(server), { name: 'users.csv', bytes: bytesOf('previous\n') });
    server.faults = { refuseRename: true };
    const error = await failure(deliverBySftp(settingsFor(server), file));
    expect(error.code).toBe('sftp-permission');
    expect(error.message).toContain('rename');
    expect(error.details['attempts']).toBe(1);
    expect(await listDir(inboxOf(server))).toEqual(['users.csv']);
    expect(await readFile(join(inboxOf(server), 'users.csv'), 'utf8')).toBe('previous\n');
  });

  it('times out on a slow server, retries, and fails with sftp-timeout', async () => {
    const server = await start({ faults: { delayMs: 1_000 } });
    const started = Date.now();
    const error = await failure(
      deliverBySftp(
        settingsFor(server, { operationTimeoutMs: 150, connectTimeoutMs: 2_000 }),
        file,
      ),
    );
    expect(error.code).toBe('sftp-timeout');
    expect(error.details['attempts']).toBe(3);
    expect(server.stats.connections).toBe(3);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await listDir(inboxOf(server))).not.toContain('users.csv');
  });

  it('times out when the server never completes the handshake', async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const settings = {
      ...settingsFor(await start()),
      host: silent.host,
      port: silent.port,
      connectTimeoutMs: 200,
      attempts: 2,
    };
    const error = await failure(deliverBySftp(settings, file));
    expect(error.code).toBe('sftp-timeout');
    expect(error.details['attempts']).toBe(2);
  });

  it('reports a refused TCP connection as sftp-network after retries', async () => {
    const server = await start();
    const settings = settingsFor(server);
    await server.close();
    const error = await failure(deliverBySftp(settings, file));
    expect(error.code).toBe('sftp-network');
    expect(error.details['attempts']).toBe(3);
  });

  it('does not retry a host name that does not resolve, and says which', async () => {
    const host = 'sftp-sync360-test.invalid';
    onTestFinished(failInvalidHostLookups());
    const progress: string[] = [];
    const settings = { ...settingsFor(await start()), host };
    const error = await failure(deliverBySftp(settings, file, (line) => progress.push(line)));
    expect(error.code).toBe('sftp-host-not-found');
    expect(error.message).toContain(`${host} does not resolve`);
    expect(error.hint).toContain('SFTP_HOST');
    expect(error.details['attempts']).toBe(1);
    expect(progress.filter((line) => line.includes('retrying'))).toEqual([]);
  });

  it('rejects a wrong host key once, without retry, and names the real fingerprint', async () => {
    const server = await start();
    const pinned = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
    const error = await failure(
      deliverBySftp(settingsFor(server, { hostKeyPins: [pinned] }), file),
    );
    expect(error.code).toBe('sftp-host-key-mismatch');
    expect(error.message).toContain(server.fingerprint);
    expect(error.message).toContain(pinned);
    expect(error.hint).toContain('SFTP_HOST_KEY_SHA256');
    expect(error.details['serverFingerprint']).toBe(server.fingerprint);
    expect(server.stats.connections).toBe(1);
    expect(server.stats.logins + server.stats.authFailures).toBe(0);
  });

  it('rejects a wrong password once, without retry, as sftp-auth', async () => {
    const server = await start();
    const error = await failure(
      deliverBySftp(settingsFor(server, { password: 'wrong password 123' }), file),
    );
    expect(error.code).toBe('sftp-auth');
    expect(error.details['attempts']).toBe(1);
    expect(server.stats.connections).toBe(1);
    expect(server.stats.logins).toBe(0);
  });

  it('rejects an unknown user as sftp-auth', async () => {
    const server = await start();
    const error = await failure(deliverBySftp(settingsFor(server, { username: 'nobody' }), file));
    expect(error.code).toBe('sftp-auth');
    expect(error.message).toContain('"nobody"');
  });
});
