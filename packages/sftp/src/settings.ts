import { createRequire } from 'node:module';
import { posix } from 'node:path';

// ssh2 loads only when a key is checked: `build` and `reminders` read the SFTP settings but never
// connect, and loading ssh2 costs them about 0.1 s of start-up.
const require = createRequire(import.meta.url);
const loadSsh2 = (): typeof import('ssh2') => require('ssh2');

/**
 * Where and how to deliver, as plain values: the runner parses and checks the SFTP_* variables
 * (with {@link parseHostKeyPins} and {@link privateKeyProblem}) and builds this.
 */
export interface SftpSettings {
  host: string;
  port: number;
  username: string;
  privateKey?: string;
  password?: string;
  passphrase?: string;
  /**
   * Normalised `SHA256:<base64>` pins. Credentials are sent only to a server whose host key
   * matches one: with none, every server is refused (doctor still shows what it presents).
   */
  hostKeyPins: readonly string[];
  /** Must exist: it is never created. */
  remoteDir: string;
  /** Armored OpenPGP public key: the file is encrypted to it and uploaded as `<name>.pgp`. */
  pgpPublicKey?: string;
  /** TCP connect plus SSH handshake and login. Default 20 s. */
  connectTimeoutMs?: number;
  /** Each SFTP operation (the upload gets one more second per 64 KiB). Default 30 s. */
  operationTimeoutMs?: number;
  /** Attempts on transient errors (network, timeout, truncated upload). Default 3. */
  attempts?: number;
  /** First retry delay; doubles each attempt, with jitter. Default 2 s. */
  retryBaseDelayMs?: number;
}

/** Settings with defaults applied and the secrets to scrub from anything sync360 shows. */
export interface ResolvedSettings {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly privateKey: string | undefined;
  readonly password: string | undefined;
  readonly passphrase: string | undefined;
  readonly hostKeyPins: readonly string[];
  readonly remoteDir: string;
  readonly pgpPublicKey: string | undefined;
  readonly connectTimeoutMs: number;
  readonly operationTimeoutMs: number;
  readonly attempts: number;
  readonly retryBaseDelayMs: number;
  readonly secrets: readonly string[];
}

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

export const resolveSettings = (settings: SftpSettings): ResolvedSettings => ({
  host: settings.host,
  port: settings.port,
  username: settings.username,
  privateKey: settings.privateKey || undefined,
  password: settings.password || undefined,
  passphrase: settings.passphrase || undefined,
  hostKeyPins: settings.hostKeyPins,
  remoteDir: settings.remoteDir,
  pgpPublicKey: settings.pgpPublicKey || undefined,
  connectTimeoutMs: settings.connectTimeoutMs ?? 20_000,
  operationTimeoutMs: settings.operationTimeoutMs ?? 30_000,
  attempts: settings.attempts ?? 3,
  retryBaseDelayMs: settings.retryBaseDelayMs ?? 2_000,
  secrets: secretsOf(settings),
});

export const remotePathOf = (remoteDir: string, name: string): string =>
  posix.join(remoteDir, name);

/**
 * Why `SFTP_PRIVATE_KEY` (with `SFTP_PASSPHRASE`) cannot be used, or null when ssh2 reads it.
 * The reason never quotes the key or the passphrase.
 */
export const privateKeyProblem = (
  privateKey: string,
  passphrase: string | undefined,
): string | null =>
  loadSsh2().utils.parseKey(privateKey, passphrase) instanceof Error
    ? 'the private key cannot be read (wrong format, or encrypted without the right SFTP_PASSPHRASE); paste the whole key including its BEGIN/END lines'
    : null;

/** A SHA-256 digest is 32 bytes: 43 base64 characters without padding. */
const SHA256_BYTES = 32;
const PIN_TOKEN = /SHA256:(\S*)/gi;

const normaliseDigest = (raw: string): string | null => {
  const unpadded = raw.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]+$/.test(unpadded)) return null;
  const bytes = Buffer.from(unpadded, 'base64');
  if (bytes.length !== SHA256_BYTES) return null;
  // Reject non-canonical encodings (stray bits in the last character): they cannot be a real pin.
  if (bytes.toString('base64').replace(/=+$/, '') !== unpadded) return null;
  return unpadded;
};

const parseEntry = (entry: string): { ok: true; pin: string } | { ok: false; reason: string } => {
  const tokens = [...entry.matchAll(PIN_TOKEN)];
  const [first] = tokens;
  if (first === undefined)
    return { ok: false, reason: `"${entry}" is not a SHA256:<base64> fingerprint` };
  if (tokens.length > 1)
    return {
      ok: false,
      reason: `"${entry}" holds several fingerprints: separate pins with commas`,
    };
  const digest = normaliseDigest(first[1] ?? '');
  if (digest === null) {
    return {
      ok: false,
      reason: `"${first[0]}" is not a SHA-256 fingerprint (expected SHA256: and 43 base64 characters)`,
    };
  }
  return { ok: true, pin: `SHA256:${digest}` };
};

/**
 * Parses `SFTP_HOST_KEY_SHA256`: one or more pins separated by commas (or new lines), each
 * `SHA256:<base64>` as OpenSSH prints it, `=` padding optional. A whole `ssh-keygen -lf` line
 * (`256 SHA256:... comment (ED25519)`) is accepted: the text around the fingerprint is ignored.
 * Pins come back normalised (`SHA256:` + unpadded base64), without duplicates.
 */
export const parseHostKeyPins = (
  text: string,
): { ok: true; pins: string[] } | { ok: false; reason: string } => {
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0)
    return { ok: false, reason: 'no host key pin given (expected SHA256:<base64>)' };
  const pins: string[] = [];
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (!parsed.ok) return parsed;
    if (!pins.includes(parsed.pin)) pins.push(parsed.pin);
  }
  return { ok: true, pins };
};
