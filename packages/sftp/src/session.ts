import { createHash } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import SftpClient from 'ssh2-sftp-client';
import type { ConnectConfig, SFTPWrapper } from 'ssh2';
import { SftpStepError } from './failures.js';
import type { ResolvedSettings } from './settings.js';

/**
 * Settles like `promise`, or rejects with a timeout {@link SftpStepError} after `timeoutMs`. The
 * late outcome of `promise` is still observed (by the race), so it never becomes an unhandled
 * rejection once the connection is torn down.
 */
export const withTimeout = <T>(
  promise: Promise<T>,
  timeoutMs: number,
  operation: string,
): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(new SftpStepError('timeout', `${operation} did not finish within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

/**
 * The OpenSSH fingerprint of a raw host key blob (the SSH wire encoding ssh2 hands to
 * `hostVerifier` when `hostHash` is not set): `SHA256:` + unpadded base64 of its SHA-256, exactly
 * as `ssh-keygen -lf` prints it.
 */
export const fingerprintOf = (rawKey: Buffer): string =>
  `SHA256:${createHash('sha256').update(rawKey).digest('base64').replace(/=+$/, '')}`;

/** What happened on one connection, as seen from ssh2's events; used to classify failures. */
export interface SessionState {
  presented: string | null;
  /** The presented key matched a pin (credentials are sent only after this). */
  hostKeyTrusted: boolean;
  readonly errors: unknown[];
  droppedUnexpectedly: boolean;
  /** sync360 itself is closing the connection. */
  closing: boolean;
}

export const newSessionState = (): SessionState => ({
  presented: null,
  hostKeyTrusted: false,
  errors: [],
  droppedUnexpectedly: false,
  closing: false,
});

export interface Session {
  readonly client: SftpClient;
  /** The raw SFTP channel, for plain OPEN / WRITE / CLOSE. */
  readonly sftp: SFTPWrapper;
  /** Ends the SFTP session politely (bounded), then destroys the socket whatever happened. */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 2_000;

const openSocket = (host: string, port: number, timeoutMs: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new SftpStepError(
          'timeout',
          `TCP connection to ${host}:${port} did not open within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });

const credentialsOf = (settings: ResolvedSettings): Partial<ConnectConfig> => ({
  ...(settings.privateKey === undefined ? {} : { privateKey: settings.privateKey }),
  ...(settings.passphrase === undefined ? {} : { passphrase: settings.passphrase }),
  ...(settings.password === undefined ? {} : { password: settings.password }),
});

/**
 * Opens a TCP socket (ours, so it can always be destroyed), then SSH + SFTP over it. The host key
 * is checked in `hostVerifier` during key exchange, before ssh2 sends any credential; `hostHash`
 * is left unset so ssh2 hands over the raw key blob. Fills `state` as events arrive.
 */
export const openSession = async (
  settings: ResolvedSettings,
  state: SessionState,
): Promise<Session> => {
  const started = Date.now();
  const socket = await openSocket(settings.host, settings.port, settings.connectTimeoutMs);
  socket.on('error', () => {
    // ssh2 reports socket errors through the client; this only keeps Node from throwing.
  });
  const client = new SftpClient('sync360', { error: () => {}, end: () => {}, close: () => {} });
  client.on('error', (error: unknown) => {
    state.errors.push(error);
  });
  client.on('close', () => {
    if (!state.closing) state.droppedUnexpectedly = true;
  });
  const { password } = settings;
  if (password !== undefined) {
    // Some servers only take a password through keyboard-interactive: answer every prompt with it.
    client.on('keyboard-interactive', (...args: unknown[]) => {
      const [, , , prompts, finish] = args;
      if (Array.isArray(prompts) && typeof finish === 'function')
        finish(prompts.map(() => password));
    });
  }
  const hostVerifier = (key: Buffer): boolean => {
    const presented = fingerprintOf(key);
    state.presented = presented;
    state.hostKeyTrusted = settings.hostKeyPins.includes(presented);
    return state.hostKeyTrusted;
  };
  const remainingMs = Math.max(1, settings.connectTimeoutMs - (Date.now() - started));
  const close = async (): Promise<void> => {
    state.closing = true;
    try {
      await withTimeout(client.end(), CLOSE_GRACE_MS, 'closing the SFTP session');
    } catch {
      // The socket is destroyed below whatever happened.
    } finally {
      socket.destroy();
    }
  };
  let sftp: SFTPWrapper;
  try {
    sftp = await withTimeout(
      client.connect({
        sock: socket,
        username: settings.username,
        ...credentialsOf(settings),
        tryKeyboard: password !== undefined,
        hostVerifier,
        readyTimeout: remainingMs,
      }),
      remainingMs,
      `SSH handshake and login on ${settings.host}:${settings.port}`,
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { client, sftp, close };
};
