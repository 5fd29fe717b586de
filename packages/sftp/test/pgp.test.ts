import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKey } from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@sync360/core';
import { gpgAvailable, startGpgHome, type GpgHome, type GpgKey } from '@sync360/testkit/gpg';
import { startSftpServer } from '@sync360/testkit/sftp-server';
import { sshdAvailable, startSshd, type SshdServer } from '@sync360/testkit/sshd';
import { checkPgpPublicKey, checkSftp, deliverBySftp } from '../src/index.js';
import { bytesOf, inboxOf, settingsFor } from './helpers.js';

const CREATED = new Date('2020-01-01T00:00:00.000Z');
const EXPIRES = new Date('2040-01-01T00:00:00.000Z');

/** An openpgp key created on 2020-01-01 that expires on 2040-01-01 (or after `seconds`). */
const datedKey = async (seconds = (EXPIRES.getTime() - CREATED.getTime()) / 1000) =>
  generateKey({
    userIDs: [{ name: 'sync360 dated test key' }],
    date: CREATED,
    keyExpirationTime: seconds,
    format: 'armored',
  });

const configError = async (promise: Promise<unknown>): Promise<ConfigError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigError))
    throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
};

describe('checkPgpPublicKey', () => {
  it('gives the fingerprint and expiry of a key that can encrypt', async () => {
    const { publicKey } = await datedKey();
    const facts = await checkPgpPublicKey(publicKey, new Date('2030-06-01T00:00:00Z'));
    expect(facts.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(facts.expiresAt).toBe(EXPIRES.toISOString());
  });

  it.each([
    ['garbage', 'not a key at all'],
    [
      'a truncated armor',
      '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEXg==\n-----END PGP PUBLIC KEY BLOCK-----\n',
    ],
  ])('rejects %s as pgp-key-invalid', async (_label, text) => {
    const error = await configError(checkPgpPublicKey(text));
    expect(error.code).toBe('pgp-key-invalid');
    expect(error.message).toContain('SFTP_PGP_PUBLIC_KEY');
  });

  it('rejects a private key without echoing it', async () => {
    const { privateKey } = await datedKey();
    const error = await configError(checkPgpPublicKey(privateKey));
    expect(error.code).toBe('pgp-key-invalid');
    expect(`${error.message} ${error.hint}`).not.toContain(privateKey.split('\n')[3] ?? '?');
  });

  it('rejects an expired key as pgp-key-expired', async () => {
    const { publicKey } = await datedKey(86_400);
    const error = await configError(checkPgpPublicKey(publicKey));
    expect(error.code).toBe('pgp-key-expired');
    expect(error.message).toContain('2020-01-02T00:00:00.000Z');
    const later = await configError(
      checkPgpPublicKey((await datedKey()).publicKey, new Date('2041-01-01')),
    );
    expect(later.code).toBe('pgp-key-expired');
  });

  it('rejects a key without an encryption subkey as pgp-key-cannot-encrypt', async () => {
    const signOnly = await generateKey({
      userIDs: [{ name: 'sync360 sign-only test key' }],
      subkeys: [],
      format: 'armored',
    });
    const error = await configError(checkPgpPublicKey(signOnly.publicKey));
    expect(error.code).toBe('pgp-key-cannot-encrypt');
  });

  it('makes deliverBySftp fail with the ConfigError before connecting', async () => {
    const server = await startSftpServer({ password: 'correct horse battery staple' });
    try {
      const { publicKey } = await datedKey(86_400);
      const error = await configError(
        deliverBySftp(settingsFor(server, { pgpPublicKey: publicKey }), {
          name: 'users.csv',
          bytes: bytesOf('a\n'),
        }),
      );
      expect(error.code).toBe('pgp-key-expired');
      expect(server.stats.connections).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('shows in doctor: the fingerprint and expiry, or a failing config line', async () => {
    const server = await startSftpServer({ password: 'correct horse battery staple' });
    try {
      await mkdir(inboxOf(server));
      const { publicKey } = await datedKey();
      const checks = await checkSftp(settingsFor(server, { pgpPublicKey: publicKey }));
      expect(checks.map((c) => [c.system, c.name, c.ok])).toEqual([
        ['sftp', 'pgp key', true],
        ['sftp', 'host key', true],
        ['sftp', 'login', true],
        ['sftp', 'remote folder', true],
      ]);
      const facts = await checkPgpPublicKey(publicKey);
      expect(checks[0]?.detail).toContain(facts.fingerprint);
      expect(checks[0]?.detail).toContain(EXPIRES.toISOString());
      const bad = await checkSftp(settingsFor(server, { pgpPublicKey: 'nope' }));
      expect(bad[0]).toMatchObject({ system: 'config', name: 'pgp key', ok: false });
      expect(bad[0]?.fix).toContain('SFTP_PGP_PUBLIC_KEY');
    } finally {
      await server.close();
    }
  });
});

describe.runIf(sshdAvailable('sftp pgp') && gpgAvailable('sftp pgp'))(
  'PGP delivery to a real OpenSSH sshd, decrypted by gpg',
  () => {
    let sshd: SshdServer;
    let gpg: GpgHome;
    let key: GpgKey;
    beforeAll(async () => {
      sshd = await startSshd();
      gpg = await startGpgHome();
      key = await gpg.generateKey('sync360 test recipient');
    });
    afterAll(async () => {
      await sshd?.close();
      await gpg?.close();
    });

    it('uploads only users.csv.pgp, a binary message gpg decrypts to exactly the plain bytes', async () => {
      const remoteDir = join(sshd.dir, 'inbox');
      await mkdir(remoteDir);
      const plain = bytesOf('uniqueId,email\n42,ann@example.invalid\n'.repeat(2_000));
      const progress: string[] = [];
      const result = await deliverBySftp(
        {
          host: sshd.host,
          port: sshd.port,
          username: sshd.username,
          privateKey: sshd.privateKey,
          hostKeyPins: [sshd.fingerprint],
          remoteDir,
          pgpPublicKey: key.armoredPublicKey,
        },
        { name: 'users.csv', bytes: plain },
        (m) => progress.push(m),
      );
      expect(await readdir(remoteDir)).toEqual(['users.csv.pgp']);
      const uploaded = await readFile(join(remoteDir, 'users.csv.pgp'));
      expect(result).toEqual({
        remotePath: join(remoteDir, 'users.csv.pgp'),
        attempts: 1,
        uploadedName: 'users.csv.pgp',
        uploadedBytes: uploaded.length,
        encrypted: true,
      });
      expect(uploaded.subarray(0, 5).toString('latin1')).not.toBe('-----');
      expect((uploaded[0] ?? 0) & 0x80).toBe(0x80);
      expect(progress.some((m) => m.includes('users.csv.pgp.part'))).toBe(true);
      const decrypted = await gpg.decrypt(join(remoteDir, 'users.csv.pgp'));
      expect(decrypted.equals(Buffer.from(plain))).toBe(true);
      expect((await checkPgpPublicKey(key.armoredPublicKey)).fingerprint).toBe(key.fingerprint);
    });

    it('rejects a gpg sign-only key as pgp-key-cannot-encrypt', async () => {
      const signOnly = await gpg.generateKey('sync360 sign-only recipient', { signOnly: true });
      const error = await configError(checkPgpPublicKey(signOnly.armoredPublicKey));
      expect(error.code).toBe('pgp-key-cannot-encrypt');
    });
  },
);
