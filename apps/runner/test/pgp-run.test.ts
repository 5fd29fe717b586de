import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportSchema } from '@sync360/core';
import { gpgAvailable, startGpgHome, type GpgHome, type GpgKey } from '@sync360/testkit/gpg';
import { startSftpServer, type SftpTestServer } from '@sync360/testkit/sftp-server';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, user, writeUsers } from './cli-harness.js';

const password = 'pgp-run-password-77';

describe.runIf(gpgAvailable('runner pgp'))('sync360 run with SFTP_PGP_PUBLIC_KEY', () => {
  let gpg: GpgHome;
  let key: GpgKey;
  let signOnly: GpgKey;
  let server: SftpTestServer;
  let dir: { path: string; cleanup: () => Promise<void> };
  let input: string;

  beforeAll(async () => {
    gpg = await startGpgHome();
    key = await gpg.generateKey('360Learning test recipient');
    signOnly = await gpg.generateKey('360Learning sign-only', { signOnly: true });
    server = await startSftpServer({ password });
    await mkdir(join(server.root, 'inbox'));
    dir = await makeTempDir('sync360-pgp-run-');
    input = await writeUsers(
      join(dir.path, 'users.json'),
      [1, 2, 3].map((id) => user(id)),
    );
  });

  afterAll(async () => {
    await server.close();
    await gpg.close();
    await dir.cleanup();
  });

  const env = (armored: string): Record<string, string> => ({
    SFTP_HOST: server.host,
    SFTP_PORT: String(server.port),
    SFTP_USERNAME: server.username,
    SFTP_PASSWORD: password,
    SFTP_REMOTE_DIR: 'inbox',
    SFTP_HOST_KEY_SHA256: server.fingerprint,
    SFTP_PGP_PUBLIC_KEY: armored,
  });

  it('uploads only users.csv.pgp, reports the upload and keeps the plain file as the state', async () => {
    const reportPath = join(dir.path, 'report.json');
    const result = await runCli(['run', '--input', input, '--report', reportPath], {
      cwd: dir.path,
      env: env(key.armoredPublicKey),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(await readdir(join(server.root, 'inbox'))).toEqual(['users.csv.pgp']);
    const parsed = reportSchema.safeParse(JSON.parse(await readFile(reportPath, 'utf8')));
    expect(parsed.success).toBe(true);
    const file = parsed.success ? parsed.data.file : null;
    const uploaded = await readFile(join(server.root, 'inbox', 'users.csv.pgp'));
    expect(file?.encrypted).toBe(true);
    expect(file?.uploadedName).toBe('users.csv.pgp');
    expect(file?.uploadedBytes).toBe(uploaded.byteLength);
    const state = await readFile(join(dir.path, '.sync360', 'last-delivered.csv'));
    expect(file?.bytes).toBe(state.byteLength);
    expect(state.toString('utf8').split('\n')[0]).toBe(
      'uniqueId,email,firstName,lastName,title,language,managerId,status',
    );
    const decrypted = await gpg.decrypt(join(server.root, 'inbox', 'users.csv.pgp'));
    expect(decrypted.equals(state)).toBe(true);
  });

  it.each([
    ['not a key', () => 'not an armored key at all'],
    ['a sign-only key', () => signOnly.armoredPublicKey],
  ])(
    'refuses %s at start with exit 2, dry runs included, connecting to nothing',
    async (_name, armored) => {
      const before = server.stats.connections;
      const result = await runCli(['run', '--dry-run', '--input', input], {
        cwd: dir.path,
        env: env(armored()),
      });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('SFTP_PGP_PUBLIC_KEY');
      expect(server.stats.connections).toBe(before);
    },
  );
});
