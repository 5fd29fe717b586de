import { mkdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { Sync360Error } from '@sync360/core';
import { generateTestKeyPair } from '@sync360/testkit/sftp-keys';
import {
  startSftpServer,
  type SftpServerOptions,
  type SftpTestServer,
} from '@sync360/testkit/sftp-server';
import { checkSftp, deliverBySftp, type SftpSettings } from '../src/index.js';
import { privateKeyProblem } from '../src/settings.js';
import { bytesOf, inboxOf, settingsFor } from './helpers.js';

const PASSWORD = 'Tr0ub4dor&3-very-secret';
const PASSPHRASE = 'passphrase-never-shown-42';

const servers: SftpTestServer[] = [];
const start = async (options: SftpServerOptions = {}): Promise<SftpTestServer> => {
  const server = await startSftpServer({ password: PASSWORD, ...options });
  servers.push(server);
  await mkdir(inboxOf(server));
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const file = { name: 'users.csv', bytes: bytesOf('a,b\n') };

/** Every piece of text a failure exposes: message, hint, details, and the progress lines. */
const exposedText = async (settings: SftpSettings): Promise<{ code: string; text: string }> => {
  const progress: string[] = [];
  const error = await deliverBySftp(settings, file, (m) => progress.push(m)).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof Sync360Error)) throw new Error('expected a coded error');
  return {
    code: error.code,
    text: [error.message, error.hint, JSON.stringify(error.details), ...progress].join('\n'),
  };
};

const secretFragments = (settings: SftpSettings): string[] => {
  const keyLines = (settings.privateKey ?? '')
    .split('\n')
    .filter((line) => line.length > 20 && !line.startsWith('-----'));
  return [PASSWORD, PASSPHRASE, ...keyLines];
};

describe('secrets never appear in errors or progress', () => {
  it('wrong password', async () => {
    const server = await start();
    const settings = settingsFor(server, { password: `${PASSWORD}-wrong` });
    const { code, text } = await exposedText(settings);
    expect(code).toBe('sftp-auth');
    for (const secret of [...secretFragments(settings), `${PASSWORD}-wrong`])
      expect(text).not.toContain(secret);
  });

  it('an encrypted private key the server does not know, with its passphrase', async () => {
    const known = generateTestKeyPair();
    const unknown = generateTestKeyPair({ passphrase: PASSPHRASE });
    const server = await start({ authorizedKey: known.public });
    const settings = settingsFor(server, { privateKey: unknown.private, passphrase: PASSPHRASE });
    delete settings.password;
    const { code, text } = await exposedText(settings);
    expect(code).toBe('sftp-auth');
    for (const secret of secretFragments(settings)) expect(text).not.toContain(secret);
  });

  it('a private key with a wrong passphrase (config error, before connecting)', () => {
    const key = generateTestKeyPair({ passphrase: PASSPHRASE });
    const reason = privateKeyProblem(key.private, `${PASSPHRASE}-typo`);
    expect(reason).not.toBeNull();
    const keyLines = key.private
      .split('\n')
      .filter((line) => line.length > 20 && !line.startsWith('-----'));
    for (const secret of [PASSPHRASE, `${PASSPHRASE}-typo`, ...keyLines])
      expect(reason).not.toContain(secret);
  });

  it('host key mismatch', async () => {
    const server = await start();
    const settings = settingsFor(server, {
      hostKeyPins: ['SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU'],
    });
    const { code, text } = await exposedText(settings);
    expect(code).toBe('sftp-host-key-mismatch');
    expect(text).not.toContain(PASSWORD);
  });

  it('a server error message that echoes the password is scrubbed', async () => {
    const server = await start({
      faults: { writeError: { message: `quota exceeded for ${PASSWORD}` } },
    });
    const { code, text } = await exposedText(settingsFor(server, { password: PASSWORD }));
    expect(code).toBe('sftp-disk-full');
    expect(text).not.toContain(PASSWORD);
    expect(text).toContain('***');
  });

  it('doctor checks', async () => {
    const server = await start();
    const checks = await checkSftp(settingsFor(server, { password: `${PASSWORD}-wrong` }));
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['host key', true],
      ['login', false],
    ]);
    const text = JSON.stringify(checks);
    expect(checks.some((c) => !c.ok)).toBe(true);
    expect(text).not.toContain(PASSWORD);
  });
});
