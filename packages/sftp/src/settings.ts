import { posix } from 'node:path';
import ssh2 from 'ssh2';
import { ConfigError } from '@sync360/core';
import { parseHostKeyPins } from './host-key-pins.js';

/** Where and how to deliver; the runner builds it from the SFTP_* variables. */
export interface SftpSettings {
  host: string;
  port: number;
  username: string;
  privateKey?: string;
  password?: string;
  passphrase?: string;
  /** `SHA256:<base64>` pins; at least one is required. */
  hostKeyPins: string[];
  remoteDir: string;
  /** TCP connect plus SSH handshake and login. Default 20 s. */
  connectTimeoutMs?: number;
  /** Each SFTP operation (the upload gets one more second per 64 KiB). Default 30 s. */
  operationTimeoutMs?: number;
  /** Attempts on transient errors (network, timeout, truncated upload). Default 3. */
  attempts?: number;
  /** First retry delay; doubles each attempt, plus jitter. Default 2 s. */
  retryBaseDelayMs?: number;
}

/** Settings with defaults applied and pins normalised. */
export interface ResolvedSettings {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly privateKey: string | undefined;
  readonly password: string | undefined;
  readonly passphrase: string | undefined;
  readonly hostKeyPins: readonly string[];
  readonly remoteDir: string;
  readonly connectTimeoutMs: number;
  readonly operationTimeoutMs: number;
  readonly attempts: number;
  readonly retryBaseDelayMs: number;
  /** Every secret to scrub from anything sync360 shows. */
  readonly secrets: readonly string[];
}

const positive = (value: number | undefined, fallback: number): number =>
  value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;

/** The secrets, and each long line of the private key, so a quoted fragment is scrubbed too. */
const secretsOf = (settings: SftpSettings): string[] => {
  const keyLines = (settings.privateKey ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 16 && !line.startsWith('-----'));
  return [settings.privateKey, settings.password, settings.passphrase, ...keyLines]
    .filter((secret): secret is string => secret !== undefined && secret !== '')
    .sort((a, b) => b.length - a.length);
};

const checkPins = (pins: readonly string[], requirePins: boolean): string[] => {
  if (pins.length === 0 && !requirePins) return [];
  if (pins.length === 0) {
    throw new ConfigError(
      'sftp-host-key-missing',
      'SFTP delivery needs a pinned host key: sync360 never connects to an unverified server.',
      'Ask 360Learning for the SHA256 fingerprint of their SFTP host key (or run `ssh-keygen -lf` on ' +
        'the public key they send, or `sync360 doctor` to see what the server presents, then confirm it ' +
        'with them) and set SFTP_HOST_KEY_SHA256=SHA256:<base64>.',
    );
  }
  const parsed = parseHostKeyPins(pins.join(','));
  if (!parsed.ok) {
    throw new ConfigError(
      'sftp-host-key-invalid',
      `SFTP_HOST_KEY_SHA256 is not valid: ${parsed.reason}.`,
      'Give comma-separated SHA256:<base64> fingerprints as `ssh-keygen -lf` prints them.',
    );
  }
  return parsed.pins;
};

const checkCredentials = (settings: SftpSettings): void => {
  if (settings.host.trim() === '') {
    throw new ConfigError(
      'sftp-host-missing',
      'SFTP_HOST is empty.',
      'Set SFTP_HOST to the server 360Learning gave you.',
    );
  }
  if (settings.username.trim() === '') {
    throw new ConfigError(
      'sftp-username-missing',
      'SFTP_USERNAME is not set.',
      'Set SFTP_USERNAME to the SFTP account 360Learning gave you.',
    );
  }
  if (!settings.privateKey && !settings.password) {
    throw new ConfigError(
      'sftp-credentials-missing',
      'Neither SFTP_PRIVATE_KEY nor SFTP_PASSWORD is set.',
      'Set SFTP_PRIVATE_KEY (PEM/OpenSSH text, with SFTP_PASSPHRASE if it is encrypted) or SFTP_PASSWORD.',
    );
  }
  if (settings.privateKey) {
    const parsed = ssh2.utils.parseKey(settings.privateKey, settings.passphrase);
    if (parsed instanceof Error) {
      throw new ConfigError(
        'sftp-private-key-invalid',
        'SFTP_PRIVATE_KEY cannot be read (wrong format, or encrypted without the right SFTP_PASSPHRASE).',
        'Paste the whole private key including its BEGIN/END lines, and set SFTP_PASSPHRASE if it is encrypted.',
      );
    }
  }
};

/**
 * Applies defaults and checks everything that can be checked before any network call. Only
 * `doctor` passes `requirePins: false`, to show the fingerprint the server presents (it then
 * rejects every key, so no credential is ever sent).
 */
export const resolveSettings = (settings: SftpSettings, requirePins = true): ResolvedSettings => {
  const hostKeyPins = checkPins(settings.hostKeyPins, requirePins);
  checkCredentials(settings);
  return {
    host: settings.host.trim(),
    port: positive(settings.port, 22),
    username: settings.username,
    privateKey: settings.privateKey || undefined,
    password: settings.password || undefined,
    passphrase: settings.passphrase || undefined,
    hostKeyPins,
    remoteDir: settings.remoteDir.trim() === '' ? '.' : settings.remoteDir.trim(),
    connectTimeoutMs: positive(settings.connectTimeoutMs, 20_000),
    operationTimeoutMs: positive(settings.operationTimeoutMs, 30_000),
    attempts: Math.min(Math.floor(positive(settings.attempts, 3)), 10),
    retryBaseDelayMs: positive(settings.retryBaseDelayMs, 2_000),
    secrets: secretsOf(settings),
  };
};

/** The remote file name must be a plain name: no folder part, nothing hidden behind `..`. */
export const checkFileName = (name: string): void => {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\')) {
    throw new ConfigError(
      'sftp-file-name-invalid',
      `"${name}" cannot be used as the remote file name.`,
      'Set SYNC360_FILE_NAME to a plain file name such as users.csv (no folder part).',
    );
  }
};

export const remotePathOf = (remoteDir: string, name: string): string =>
  posix.join(remoteDir, name);
