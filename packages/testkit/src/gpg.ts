import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { makeTempDir } from './temp-dir.js';

const run = promisify(execFile);

const gpgInstalled = (): boolean => {
  try {
    execFileSync('gpg', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/**
 * Whether the gpg tests of `suite` can run. Without gpg they are skipped with a notice, except
 * under `CI=true`, where this throws: the test file fails loudly instead of skipping.
 */
export const gpgAvailable = (suite: string): boolean => {
  if (gpgInstalled()) return true;
  if (process.env['CI'] === 'true')
    throw new Error(`${suite}: gpg not found with CI=true: apt-get install gnupg before the tests`);
  console.warn(`[${suite}] NOTICE: gpg not found: skipping the gpg tests (install gnupg).`);
  return false;
};

export interface GpgKey {
  /** Primary key fingerprint, upper-case hex. */
  readonly fingerprint: string;
  readonly armoredPublicKey: string;
}

export interface GpgHome {
  readonly home: string;
  /**
   * A new key without passphrase or expiry: ed25519 primary (sign, certify) plus, unless
   * `signOnly`, a cv25519 encryption subkey.
   */
  generateKey(userId: string, options?: { signOnly?: boolean }): Promise<GpgKey>;
  /** `gpg --decrypt` of `path`, as bytes. */
  decrypt(path: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** A throwaway GNUPGHOME in a temp dir; `close` stops its agent and removes it. */
export const startGpgHome = async (): Promise<GpgHome> => {
  const temp = await makeTempDir('sync360-gpg-');
  const gpg = (args: string[]) =>
    run(
      'gpg',
      [
        '--homedir',
        temp.path,
        '--batch',
        '--pinentry-mode',
        'loopback',
        '--passphrase',
        '',
        ...args,
      ],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
    );
  const fingerprintOf = async (userId: string): Promise<string> => {
    const { stdout } = await gpg(['--with-colons', '--list-keys', userId]);
    const line = stdout
      .toString('utf8')
      .split('\n')
      .find((row) => row.startsWith('fpr:'));
    const fingerprint = line?.split(':')[9];
    if (fingerprint === undefined) throw new Error(`gpg listed no fingerprint for ${userId}`);
    return fingerprint.toUpperCase();
  };
  return {
    home: temp.path,
    generateKey: async (userId, options = {}) => {
      await gpg(['--quick-generate-key', userId, 'ed25519', 'sign', 'never']);
      const fingerprint = await fingerprintOf(userId);
      if (options.signOnly !== true)
        await gpg(['--quick-add-key', fingerprint, 'cv25519', 'encr', 'never']);
      const { stdout } = await gpg(['--armor', '--export', fingerprint]);
      return { fingerprint, armoredPublicKey: stdout.toString('utf8') };
    },
    decrypt: async (path) => (await gpg(['--decrypt', '--output', '-', path])).stdout,
    close: async () => {
      await run('gpgconf', ['--homedir', temp.path, '--kill', 'gpg-agent']).catch(() => undefined);
      await temp.cleanup();
    },
  };
};
