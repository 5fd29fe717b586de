import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from './temp-dir.js';

const run = promisify(execFile);

const SSHD_CANDIDATES = ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/opt/homebrew/sbin/sshd'];

/**
 * The OpenSSH server binary, or null when it is not installed (`.ci/install-sshd.sh` installs it).
 * `SYNC360_TEST_SSHD` names another binary (a path that does not exist means "not installed").
 */
export const findSshd = (): string | null => {
  const chosen = process.env['SYNC360_TEST_SSHD'];
  const candidates = chosen === undefined || chosen === '' ? SSHD_CANDIDATES : [chosen];
  return candidates.find((path) => existsSync(path)) ?? null;
};

/**
 * Whether the real-sshd tests of `suite` can run. Without sshd they are skipped with a notice,
 * except under `CI=true`, where this throws: the test file fails loudly instead of skipping.
 */
export const sshdAvailable = (suite: string): boolean => {
  if (findSshd() !== null) return true;
  if (process.env['CI'] === 'true') {
    throw new Error(
      `${suite}: OpenSSH sshd not found with CI=true: run .ci/install-sshd.sh (apt-get install openssh-server) before the tests`,
    );
  }
  console.warn(
    `[${suite}] NOTICE: OpenSSH sshd not found: skipping the real-sshd tests (run .ci/install-sshd.sh to enable them).`,
  );
  return false;
};

export interface SshdServer {
  readonly host: string;
  readonly port: number;
  /** The current OS user, the only one this sshd lets in. */
  readonly username: string;
  /** Private key (OpenSSH text) of a throwaway user key listed in its authorized_keys. */
  readonly privateKey: string;
  /** `ssh-keygen -lf` of the host key, e.g. `256 SHA256:... sync360-test-host (ED25519)`. */
  readonly hostKeyLine: string;
  /** `SHA256:<base64>` of the host key. */
  readonly fingerprint: string;
  /** Temp dir holding keys, config and pid file; a good place for remote folders too. */
  readonly dir: string;
  /** sshd's log so far (for failing-test diagnostics). */
  log(): string;
  close(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = address !== null && typeof address !== 'string' ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });

const keygen = async (path: string, comment: string): Promise<void> => {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
};

const configText = (dir: string, port: number, isRoot: boolean): string =>
  [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    `PermitRootLogin ${isRoot ? 'prohibit-password' : 'no'}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'Subsystem sftp internal-sftp',
    'LogLevel VERBOSE',
    '',
  ].join('\n');

/** Starts sshd and resolves once it listens; rejects with its log if it exits first. */
const launch = (sshd: string, configPath: string, logs: string[]): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(sshd, ['-D', '-e', '-f', configPath], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sshd did not start within 10 s:\n${logs.join('')}`));
    }, 10_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      logs.push(chunk.toString('utf8'));
      if (/Server listening on/.test(logs.join(''))) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with code ${code ?? 'null'}:\n${logs.join('')}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });

/**
 * A real OpenSSH sshd on 127.0.0.1 and a free port, run as the current user from a temp dir with
 * its own config, throwaway host and user keys (made by `ssh-keygen`) and `internal-sftp`.
 */
export const startSshd = async (): Promise<SshdServer> => {
  const sshd = findSshd();
  if (sshd === null)
    throw new Error('sshd not found: install openssh-server (.ci/install-sshd.sh)');
  const isRoot = process.getuid?.() === 0;
  // Debian's sshd refuses to start as root without its privilege-separation folder.
  if (isRoot && !existsSync('/run/sshd'))
    await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const temp = await makeTempDir('sync360-sshd-');
  try {
    await keygen(join(temp.path, 'host_key'), 'sync360-test-host');
    await keygen(join(temp.path, 'user_key'), 'sync360-test-user');
    await writeFile(
      join(temp.path, 'authorized_keys'),
      await readFile(join(temp.path, 'user_key.pub')),
    );
    const { stdout } = await run('ssh-keygen', ['-lf', join(temp.path, 'host_key.pub')]);
    const hostKeyLine = stdout.trim();
    const fingerprint = /SHA256:\S+/.exec(hostKeyLine)?.[0] ?? '';
    const logs: string[] = [];
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      const configPath = join(temp.path, 'sshd_config');
      await writeFile(configPath, configText(temp.path, port, isRoot));
      try {
        const child = await launch(sshd, configPath, logs);
        return {
          host: '127.0.0.1',
          port,
          username: userInfo().username,
          privateKey: await readFile(join(temp.path, 'user_key'), 'utf8'),
          hostKeyLine,
          fingerprint,
          dir: temp.path,
          log: () => logs.join(''),
          close: async () => {
            await stop(child);
            await temp.cleanup();
          },
        };
      } catch (error) {
        // Another process may have taken the port between the probe and sshd's bind: try another.
        if (attempt >= 3 || !/Address already in use/.test(logs.join(''))) throw error;
        logs.length = 0;
      }
    }
  } catch (error) {
    await temp.cleanup();
    throw error;
  }
};
