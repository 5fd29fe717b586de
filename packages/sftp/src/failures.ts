import { DeliveryError, redactSecrets } from '@sync360/core';
import type { ResolvedSettings } from './settings.js';

/** The step a delivery (or doctor probe) was at when something failed. */
export type Stage = 'connect' | 'remote-dir' | 'upload' | 'verify' | 'rename' | 'probe';

/** Where a failure happened, to name it in the message. */
interface FailureContext {
  readonly stage: Stage;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly remoteDir: string;
  /** The file being written at this stage (`.part`, final, or probe). */
  readonly path: string;
  readonly finalPath: string;
  readonly pins: readonly string[];
}

/** Where `settings` were at `stage`, writing `path`. */
export const contextFor = (
  s: ResolvedSettings,
  stage: Stage,
  path: string,
  finalPath = path,
): FailureContext => ({
  stage,
  host: s.host,
  port: s.port,
  username: s.username,
  remoteDir: s.remoteDir,
  path,
  finalPath,
  pins: s.hostKeyPins,
});

/** What one connection showed, as seen from ssh2's events (filled by the session). */
interface ConnectionFacts {
  /** The fingerprint the server presented, once key exchange got that far. */
  readonly presented: string | null;
  readonly hostKeyTrusted: boolean;
  /** Errors ssh2 emitted on the connection, in order. */
  readonly errors: readonly unknown[];
  /** The connection closed while sync360 still needed it. */
  readonly droppedUnexpectedly: boolean;
}

/** SFTP status codes (draft-ietf-secsh-filexfer v3, plus the later quota ones some servers send). */
export const SFTP_STATUS = {
  noSuchFile: 2,
  permissionDenied: 3,
  failure: 4,
  noConnection: 6,
  connectionLost: 7,
  opUnsupported: 8,
  noSpaceOnFilesystem: 14,
  quotaExceeded: 15,
} as const;

/** Our own failures, thrown by the remote operations and turned into coded errors below. */
export class SftpStepError extends Error {
  readonly kind: 'timeout' | 'size-mismatch' | 'not-a-folder' | 'folder-missing';

  constructor(kind: SftpStepError['kind'], message: string) {
    super(message);
    this.name = 'SftpStepError';
    this.kind = kind;
  }
}

/** What can be read off an error thrown by ssh2 / ssh2-sftp-client, narrowed without casts. */
export const errorFacts = (
  error: unknown,
): { message: string; code: string | number | undefined; level: string | undefined } => {
  if (!(error instanceof Error))
    return { message: String(error), code: undefined, level: undefined };
  const code =
    'code' in error && (typeof error.code === 'string' || typeof error.code === 'number')
      ? error.code
      : undefined;
  const level = 'level' in error && typeof error.level === 'string' ? error.level : undefined;
  return { message: error.message, code, level };
};

export const isMissing = (error: unknown): boolean => {
  const { code } = errorFacts(error);
  return code === 'ENOENT' || code === SFTP_STATUS.noSuchFile;
};

const NETWORK_CODES: ReadonlySet<string | number> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ERR_NOT_CONNECTED',
  SFTP_STATUS.noConnection,
  SFTP_STATUS.connectionLost,
]);
/** The host name does not exist: the next attempt would not find it either. */
const DNS_CODES: ReadonlySet<string | number> = new Set(['ENOTFOUND', 'EAI_NONAME']);
const NETWORK_MESSAGE =
  /No response from server|Unexpected (end|close) event|No SFTP connection|socket hang up|Connection lost/i;
const DISK_FULL_MESSAGE = /no space|disk full|quota|ENOSPC|EDQUOT/i;

const stepKind = (error: unknown): SftpStepError['kind'] | null =>
  error instanceof SftpStepError ? error.kind : null;

const ACTION: Record<Stage, string> = {
  connect: 'connecting',
  'remote-dir': 'opening the remote folder',
  upload: 'uploading',
  verify: 'checking the uploaded size',
  rename: 'renaming the upload to its final name',
  probe: 'writing the probe file',
};

/** What a failure's message may say: where it happened, the key shown, what the server said. */
interface Said {
  readonly c: FailureContext;
  readonly server: string;
  readonly presented: string | null;
  readonly said: string;
}

interface FailureEntry {
  /** Worth another attempt: the next connection may well succeed. */
  readonly transient: boolean;
  /** Message (what happened) and hint (what to do). */
  readonly words: (s: Said) => readonly [message: string, hint: string];
}

/**
 * Every SFTP failure code: whether it is retried, and its words. The codes are this table's keys,
 * so a misspelt code anywhere is a compile error.
 */
const FAILURES = {
  'sftp-host-key-mismatch': {
    transient: false,
    words: ({ c, server, presented }) => [
      `The SFTP server ${server} presented host key ${presented ?? 'unknown'}, which matches no ` +
        `pinned key (${c.pins.length === 0 ? 'none pinned' : c.pins.join(', ')}). No credential was sent.`,
      `Confirm ${presented ?? 'the new key'} with 360Learning (out of band) before trusting it, then ` +
        'add it to SFTP_HOST_KEY_SHA256 (comma-separated, keep the old pin during a key rotation). If ' +
        '360Learning did not change their key, someone may be intercepting the connection: do not pin it.',
    ],
  },
  'sftp-auth': {
    transient: false,
    words: ({ c, server, said }) => [
      `The SFTP server ${server} rejected the login of user "${c.username}" (${said}).`,
      'Check SFTP_USERNAME and SFTP_PRIVATE_KEY / SFTP_PASSWORD (and SFTP_PASSPHRASE for an encrypted ' +
        'key); ask 360Learning whether this account and key are registered. Not retried: repeated failed ' +
        'logins can lock the account.',
    ],
  },
  'sftp-host-not-found': {
    transient: false,
    words: ({ c, said }) => [
      `The SFTP host name ${c.host} does not resolve (${said}). Not retried: the name does not exist for this machine's DNS.`,
      'Check SFTP_HOST (the host name 360Learning gave you, without sftp:// or a port) and that this machine can resolve names.',
    ],
  },
  'sftp-network': {
    transient: true,
    words: ({ c, server, said }) => [
      `The connection to the SFTP server ${server} failed or dropped while ${ACTION[c.stage]} (${said}).`,
      'Check SFTP_HOST and SFTP_PORT and that this machine may reach the server (firewall, IP ' +
        'allow-list at 360Learning).',
    ],
  },
  'sftp-timeout': {
    transient: true,
    words: ({ c, server, said }) => [
      `The SFTP server ${server} did not answer in time while ${ACTION[c.stage]} (${said}).`,
      'The server or the network is slow, or a firewall silently drops the traffic: check that this ' +
        'machine may reach the server, and retry later.',
    ],
  },
  'sftp-connect': {
    transient: false,
    words: ({ server, said }) => [
      `Could not open an SFTP session on ${server} (${said}).`,
      'Check that SFTP_HOST and SFTP_PORT point at an SFTP server; if they do, send this message to 360Learning.',
    ],
  },
  'sftp-remote-dir-missing': {
    transient: false,
    words: ({ c, server }) => [
      `The remote folder "${c.remoteDir}" does not exist on ${server} (sync360 never creates it).`,
      `Check SFTP_REMOTE_DIR (a typo would deliver where 360Learning never reads), or ask 360Learning to create "${c.remoteDir}" with write access for "${c.username}".`,
    ],
  },
  'sftp-remote-dir': {
    transient: false,
    words: ({ c, server, said }) => [
      `The remote folder "${c.remoteDir}" on ${server} cannot be opened, or is not a folder (${said}).`,
      `Check SFTP_REMOTE_DIR, or ask 360Learning to give "${c.username}" access to "${c.remoteDir}".`,
    ],
  },
  'sftp-permission': {
    transient: false,
    words: ({ c, server, said }) => [
      `The SFTP server ${server} refused ${ACTION[c.stage]} ${c.path}: permission denied (${said}).`,
      `Ask 360Learning to let "${c.username}" create, rename and replace files in "${c.remoteDir}", or fix SFTP_REMOTE_DIR.`,
    ],
  },
  'sftp-disk-full': {
    transient: false,
    words: ({ c, server, said }) => [
      `The SFTP server ${server} is out of space (or over quota) while writing ${c.path} (${said}).`,
      'Ask 360Learning to free space or raise the quota of this account.',
    ],
  },
  'sftp-verify': {
    transient: true,
    words: ({ c, server, said }) => [
      `The uploaded file ${c.path} on ${server} does not have the size that was sent (${said}).`,
      'The upload was cut short (network or server quota). Nothing was delivered under the final name; retry later.',
    ],
  },
  'sftp-rename': {
    transient: false,
    words: ({ c, server, said }) => [
      `The SFTP server ${server} could not rename the upload to ${c.finalPath} (${said}).`,
      `Check that "${c.username}" may rename and replace files in "${c.remoteDir}" (an existing ${c.finalPath} may be locked by the import).`,
    ],
  },
  'sftp-upload': {
    transient: false,
    words: ({ c, server, said }) => [
      `Writing ${c.path} on ${server} failed (${said}).`,
      `Check that "${c.username}" may write in "${c.remoteDir}"; if it persists, send this message to 360Learning.`,
    ],
  },
} satisfies Readonly<Record<string, FailureEntry>>;

type SftpFailureCode = keyof typeof FAILURES;

const isFailureCode = (code: string): code is SftpFailureCode => Object.hasOwn(FAILURES, code);

export const isTransient = (error: unknown): boolean =>
  error instanceof DeliveryError && isFailureCode(error.code) && FAILURES[error.code].transient;

const codeOf = (
  error: unknown,
  connection: ConnectionFacts | null,
  stage: Stage,
): SftpFailureCode => {
  if (connection !== null && connection.presented !== null && !connection.hostKeyTrusted)
    return 'sftp-host-key-mismatch';
  const facts = [error, ...(connection?.errors ?? [])].map(errorFacts);
  const step = stepKind(error);
  if (
    step === 'timeout' ||
    facts.some(
      (f) => f.level === 'client-timeout' || f.code === 'ETIMEDOUT' || /timed out/i.test(f.message),
    )
  )
    return 'sftp-timeout';
  if (
    facts.some(
      (f) =>
        f.level === 'client-authentication' || /authentication methods failed/i.test(f.message),
    )
  )
    return 'sftp-auth';
  if (step === 'size-mismatch') return 'sftp-verify';
  if (step === 'not-a-folder') return 'sftp-remote-dir';
  if (step === 'folder-missing') return 'sftp-remote-dir-missing';
  if (facts.some((f) => f.code !== undefined && DNS_CODES.has(f.code)))
    return 'sftp-host-not-found';
  const network = facts.some(
    (f) =>
      f.level === 'client-socket' ||
      f.level === 'client-dns' ||
      (f.code !== undefined && NETWORK_CODES.has(f.code)) ||
      NETWORK_MESSAGE.test(f.message),
  );
  if (network || (connection?.droppedUnexpectedly ?? false)) return 'sftp-network';
  const primary = errorFacts(error);
  if (
    primary.code === SFTP_STATUS.noSpaceOnFilesystem ||
    primary.code === SFTP_STATUS.quotaExceeded ||
    DISK_FULL_MESSAGE.test(primary.message)
  )
    return 'sftp-disk-full';
  if (stage === 'connect') return 'sftp-connect';
  if (stage === 'remote-dir') return 'sftp-remote-dir';
  if (stage === 'verify') return 'sftp-verify';
  if (primary.code === SFTP_STATUS.permissionDenied) return 'sftp-permission';
  return stage === 'rename' ? 'sftp-rename' : 'sftp-upload';
};

/**
 * Turns whatever ssh2 / ssh2-sftp-client (or a step of ours) threw into a coded
 * {@link DeliveryError} whose message says what happened and whose hint says what to do. Every
 * text is scrubbed of the secrets.
 */
export const classifyFailure = (
  error: unknown,
  connection: ConnectionFacts | null,
  context: FailureContext,
  secrets: readonly string[],
): DeliveryError => {
  if (error instanceof DeliveryError) return error;
  const code = codeOf(error, connection, context.stage);
  const clean = (value: string): string => redactSecrets(value, secrets);
  const said = clean(errorFacts(error).message);
  const presented = connection?.presented ?? null;
  const [message, hint] = FAILURES[code].words({
    c: context,
    server: `${context.host}:${context.port}`,
    presented,
    said,
  });
  return new DeliveryError(code, clean(message), clean(hint), {
    host: context.host,
    port: context.port,
    username: clean(context.username),
    remoteDir: context.remoteDir,
    stage: context.stage,
    path: context.path,
    serverFingerprint: presented,
    error: said,
  });
};
