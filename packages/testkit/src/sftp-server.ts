import { createHash } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import {
  Server,
  utils,
  type AuthContext,
  type Connection,
  type ParsedKey,
  type SFTPWrapper,
} from 'ssh2';
import { attachSftpHandlers, POSIX_RENAME, type SftpFaults } from './sftp-fs-handlers.js';
import { generateTestKeyPair } from './sftp-keys.js';
import { makeTempDir } from './temp-dir.js';

export type { SftpFaults } from './sftp-fs-handlers.js';

export interface SftpServerOptions {
  /** Default `sync360`. */
  username?: string;
  /** Accept this password. */
  password?: string;
  /** Ask for the password through keyboard-interactive instead of the password method. */
  keyboardInteractive?: boolean;
  /** Accept this public key (OpenSSH `ssh-ed25519 AAAA...` text). */
  authorizedKey?: string;
  /** Faults to inject; the returned `faults` object may be changed between connections. */
  faults?: SftpFaults;
}

/** Counters for assertions (retries, no retry on auth failure...). */
export interface SftpServerStats {
  /** TCP connections accepted. */
  connections: number;
  /** Successful logins. */
  logins: number;
  /** Rejected password or key checks. */
  authFailures: number;
  /** Connections dropped by the `dropMidUpload` fault. */
  drops: number;
}

export interface SftpTestServer {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** `SHA256:<base64>` of the server's host key, unpadded, as `ssh-keygen -lf` prints it. */
  readonly fingerprint: string;
  /** The folder served as `/`; relative client paths start there too. */
  readonly root: string;
  readonly stats: SftpServerStats;
  /** Changes made to the files, in order: `rename /a -> /b`, `remove /p`. */
  readonly operations: string[];
  faults: SftpFaults;
  close(): Promise<void>;
}

const parseKeyOrThrow = (text: string): ParsedKey => {
  const key = utils.parseKey(text);
  if (key instanceof Error) throw key;
  return key;
};

const fingerprintOfKey = (key: ParsedKey): string =>
  `SHA256:${createHash('sha256').update(key.getPublicSSH()).digest('base64').replace(/=+$/, '')}`;

const sshString = (text: string): Buffer => {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length, 0);
  return Buffer.concat([length, bytes]);
};

/** VERSION 3 as ssh2 sends it: no extension. */
const BARE_VERSION = Buffer.from([0, 0, 0, 5, 2, 0, 0, 0, 3]);
const versionWithPosixRename = (): Buffer => {
  const body = Buffer.concat([
    Buffer.from([2, 0, 0, 0, 3]),
    sshString(POSIX_RENAME),
    sshString('1'),
  ]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  return Buffer.concat([length, body]);
};

/**
 * ssh2's server answers INIT with a bare VERSION, while OpenSSH also offers
 * `posix-rename@openssh.com`. To serve like OpenSSH, this channel's own view of the protocol is
 * wrapped so that its VERSION packet lists the extension (other channels are untouched).
 */
const offerPosixRename = (sftp: SFTPWrapper): void => {
  const protocol: unknown = Reflect.get(sftp, '_protocol');
  if (typeof protocol !== 'object' || protocol === null) throw new Error('ssh2 internals changed');
  const wrapped = new Proxy(protocol, {
    get: (target, property) => {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      if (property !== 'channelData') return value.bind(target);
      return (id: unknown, data: unknown) =>
        Reflect.apply(value, target, [
          id,
          Buffer.isBuffer(data) && data.equals(BARE_VERSION) ? versionWithPosixRename() : data,
        ]);
    },
  });
  Reflect.set(sftp, '_protocol', wrapped);
};

const authenticate = (
  ctx: AuthContext,
  options: SftpServerOptions,
  username: string,
  key: ParsedKey | null,
): boolean | 'pending' => {
  if (ctx.username !== username) return false;
  if (ctx.method === 'password') {
    const allowed = options.keyboardInteractive !== true && options.password !== undefined;
    return allowed && ctx.password === options.password;
  }
  if (ctx.method === 'publickey' && key !== null) {
    if (ctx.key.algo !== key.type || !ctx.key.data.equals(key.getPublicSSH())) return false;
    if (ctx.signature === undefined || ctx.blob === undefined) return 'pending';
    return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo);
  }
  return false;
};

/**
 * An in-process SSH server speaking SFTP over a temp dir, on 127.0.0.1 and a free port, with its
 * own throwaway ed25519 host key, password and/or public-key login, `posix-rename@openssh.com`
 * like OpenSSH (unless the `noPosixRename` fault is set), and fault injection.
 */
export const startSftpServer = async (options: SftpServerOptions = {}): Promise<SftpTestServer> => {
  const hostKey = generateTestKeyPair();
  const fingerprint = fingerprintOfKey(parseKeyOrThrow(hostKey.public));
  const clientKey =
    options.authorizedKey === undefined ? null : parseKeyOrThrow(options.authorizedKey);
  const temp = await makeTempDir('sync360-sftp-');
  const username = options.username ?? 'sync360';
  const stats: SftpServerStats = { connections: 0, logins: 0, authFailures: 0, drops: 0 };
  const operations: string[] = [];
  const sockets = new Map<number, Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const onConnection = (conn: Connection, remotePort: number): void => {
    conn.on('error', () => undefined);
    conn.on('authentication', (ctx) => {
      if (ctx.method === 'keyboard-interactive' && options.keyboardInteractive === true) {
        ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
          if (ctx.username === username && answers[0] === options.password) {
            stats.logins += 1;
            ctx.accept();
          } else {
            stats.authFailures += 1;
            ctx.reject();
          }
        });
        return;
      }
      const verdict = authenticate(ctx, options, username, clientKey);
      if (verdict === true) {
        stats.logins += 1;
        ctx.accept();
        return;
      }
      if (verdict === 'pending') return ctx.accept();
      if (ctx.method !== 'none') stats.authFailures += 1;
      const methods: Array<'password' | 'publickey' | 'keyboard-interactive'> = [];
      if (options.password !== undefined) {
        methods.push(options.keyboardInteractive === true ? 'keyboard-interactive' : 'password');
      }
      if (clientKey !== null) methods.push('publickey');
      ctx.reject(methods);
    });
    conn.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('sftp', (acceptSftp) => {
        const sftp = acceptSftp();
        if (server.faults.noPosixRename !== true) offerPosixRename(sftp);
        attachSftpHandlers(sftp, {
          record: (operation) => operations.push(operation),
          root: temp.path,
          faults: () => server.faults,
          later,
          tryDrop: () => {
            const drop = server.faults.dropMidUpload;
            if (drop === undefined || stats.drops >= (drop.times ?? Infinity)) return false;
            stats.drops += 1;
            sockets.get(remotePort)?.destroy();
            return true;
          },
        });
      });
    });
  };

  const ssh = new Server({ hostKeys: [hostKey.private] }, (conn, info) =>
    onConnection(conn, info.port),
  );
  ssh.on('error', () => undefined);
  const tcp = createServer((socket) => {
    stats.connections += 1;
    const port = socket.remotePort;
    if (port !== undefined) sockets.set(port, socket);
    socket.on('close', () => {
      if (port !== undefined) sockets.delete(port);
    });
    socket.on('error', () => undefined);
    ssh.injectSocket(socket);
  });
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(0, '127.0.0.1', () => {
      const bound = tcp.address();
      if (bound === null || typeof bound === 'string')
        reject(new Error('fake SFTP server has no TCP port'));
      else resolve(bound);
    });
  }).catch(async (error: unknown) => {
    await temp.cleanup();
    throw error;
  });

  const server: SftpTestServer = {
    host: '127.0.0.1',
    port: address.port,
    username,
    fingerprint,
    root: temp.path,
    stats,
    operations,
    faults: { ...options.faults },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets.values()) socket.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      await temp.cleanup();
    },
  };
  return server;
};
