import { lstat, mkdir, open, rename, rmdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Stats } from 'node:fs';
import { utils, type Attributes, type SFTPWrapper } from 'ssh2';

const STATUS = utils.sftp.STATUS_CODE;

/** Fault injection for the fake SFTP server. Mutable between connections. */
export interface SftpFaults {
  /** Drop the TCP connection once a connection has written this many file bytes, `times` times (default: always). */
  dropMidUpload?: { afterBytes: number; times?: number };
  /** Answer every WRITE with this status (FAILURE by default) and message, e.g. disk full. */
  writeError?: { message: string; code?: number };
  /** Acknowledge WRITEs past this offset without storing them (a server that loses data). */
  truncateAt?: number;
  /** Close the file, then answer CLOSE with this status (FAILURE by default) and message. */
  closeError?: { message: string; code?: number };
  /** Answer RENAME (and posix-rename) with PERMISSION_DENIED; `'part'`: only renames of a `.part`. */
  refuseRename?: boolean | 'part';
  /** Do not offer `posix-rename@openssh.com` (a server where RENAME cannot replace a file). */
  noPosixRename?: boolean;
  /** Delay every SFTP answer by this many ms (a slow server). */
  delayMs?: number;
}

/** What the handlers need from the server around them. */
export interface SftpHandlerHooks {
  readonly root: string;
  faults(): SftpFaults;
  /** Drops the underlying TCP connection if the fault budget allows; true when it did. */
  tryDrop(): boolean;
  /** Runs `fn` later (tracked so the server can cancel on close). */
  later(ms: number, fn: () => void): void;
  /** Records a change made to the files (`rename a -> b`, `remove p`), in order. */
  record(operation: string): void;
}

export const POSIX_RENAME = 'posix-rename@openssh.com';

/** The two SSH strings (uint32 length + bytes) of a posix-rename request, or null. */
const twoStrings = (data: Buffer | undefined): [string, string] | null => {
  if (data === undefined || data.length < 8) return null;
  const firstLength = data.readUInt32BE(0);
  if (data.length < 8 + firstLength) return null;
  const secondLength = data.readUInt32BE(4 + firstLength);
  if (data.length < 8 + firstLength + secondLength) return null;
  return [
    data.toString('utf8', 4, 4 + firstLength),
    data.toString('utf8', 8 + firstLength, 8 + firstLength + secondLength),
  ];
};

/** Client paths are virtual, rooted at the server's temp dir; `..` never escapes it. */
export const virtualPath = (path: string): string => posix.normalize(posix.join('/', path));
const realPath = (root: string, path: string): string => join(root, virtualPath(path));

const attrsOf = (s: Stats): Attributes => ({
  mode: s.mode,
  uid: s.uid,
  gid: s.gid,
  size: s.size,
  atime: Math.floor(s.atimeMs / 1000),
  mtime: Math.floor(s.mtimeMs / 1000),
});

const NO_ATTRS: Attributes = { mode: 0, uid: 0, gid: 0, size: 0, atime: 0, mtime: 0 };

const statusOfError = (error: unknown): { code: number; message: string } => {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  const message = error instanceof Error ? error.message : 'failure';
  if (code === 'ENOENT') return { code: STATUS.NO_SUCH_FILE, message: 'No such file' };
  if (code === 'EACCES' || code === 'EPERM')
    return { code: STATUS.PERMISSION_DENIED, message: 'Permission denied' };
  return { code: STATUS.FAILURE, message };
};

/** Serves SFTP requests from the files under `hooks.root`. */
export const attachSftpHandlers = (sftp: SFTPWrapper, hooks: SftpHandlerHooks): void => {
  const handles = new Map<number, FileHandle>();
  let nextHandle = 1;
  let written = 0;
  const reply = (fn: () => void): void => {
    const run = (): void => {
      try {
        fn();
      } catch {
        // The channel is gone (dropped connection): nothing to answer.
      }
    };
    const ms = hooks.faults().delayMs ?? 0;
    if (ms > 0) hooks.later(ms, run);
    else run();
  };
  const serve = (reqId: number, work: () => Promise<(() => void) | void>): void => {
    work().then(
      (answer) => reply(answer ?? (() => sftp.status(reqId, STATUS.OK))),
      (error: unknown) => {
        const { code, message } = statusOfError(error);
        reply(() => sftp.status(reqId, code, message));
      },
    );
  };
  const handleOf = (buffer: Buffer): FileHandle => {
    const handle = buffer.length === 4 ? handles.get(buffer.readUInt32BE(0)) : undefined;
    if (handle === undefined) throw Object.assign(new Error('bad handle'), { code: 'EBADF' });
    return handle;
  };
  const root = hooks.root;

  sftp.on('OPEN', (reqId, filename, flags) => {
    serve(reqId, async () => {
      const mode = utils.sftp.flagsToString(flags) ?? 'r';
      const fh = await open(realPath(root, filename), mode);
      const id = nextHandle++;
      handles.set(id, fh);
      const buffer = Buffer.alloc(4);
      buffer.writeUInt32BE(id, 0);
      return () => sftp.handle(reqId, buffer);
    });
  });
  sftp.on('WRITE', (reqId, handle, offset, data) => {
    serve(reqId, async () => {
      const fault = hooks.faults().writeError;
      if (fault !== undefined)
        return () => sftp.status(reqId, fault.code ?? STATUS.FAILURE, fault.message);
      const keep = Math.max(
        0,
        Math.min(data.length, (hooks.faults().truncateAt ?? Infinity) - offset),
      );
      if (keep > 0) await handleOf(handle).write(data, 0, keep, offset);
      written += data.length;
      const drop = hooks.faults().dropMidUpload;
      if (drop !== undefined && written >= drop.afterBytes && hooks.tryDrop())
        return () => undefined;
      return undefined;
    });
  });
  sftp.on('CLOSE', (reqId, handle) => {
    serve(reqId, async () => {
      await handleOf(handle).close();
      handles.delete(handle.readUInt32BE(0));
      const fault = hooks.faults().closeError;
      if (fault !== undefined)
        return () => sftp.status(reqId, fault.code ?? STATUS.FAILURE, fault.message);
      return undefined;
    });
  });
  sftp.on('FSTAT', (reqId, handle) => {
    serve(reqId, async () => {
      const attrs = attrsOf(await handleOf(handle).stat());
      return () => sftp.attrs(reqId, attrs);
    });
  });
  const statBy = (read: (path: string) => Promise<Stats>) => (reqId: number, path: string) => {
    serve(reqId, async () => {
      const attrs = attrsOf(await read(realPath(root, path)));
      return () => sftp.attrs(reqId, attrs);
    });
  };
  sftp.on('STAT', statBy(stat));
  sftp.on('LSTAT', statBy(lstat));
  sftp.on('FSETSTAT', (reqId) => serve(reqId, async () => undefined));
  sftp.on('SETSTAT', (reqId) => serve(reqId, async () => undefined));
  sftp.on('REMOVE', (reqId, path) =>
    serve(reqId, async () => {
      await unlink(realPath(root, path));
      hooks.record(`remove ${virtualPath(path)}`);
    }),
  );
  sftp.on('MKDIR', (reqId, path) => serve(reqId, () => mkdir(realPath(root, path))));
  sftp.on('RMDIR', (reqId, path) => serve(reqId, () => rmdir(realPath(root, path))));
  sftp.on('REALPATH', (reqId, path) => {
    const name = virtualPath(path);
    reply(() => sftp.name(reqId, [{ filename: name, longname: name, attrs: NO_ATTRS }]));
  });
  const refused = (from: string): boolean => {
    const refuse = hooks.faults().refuseRename;
    return refuse === true || (refuse === 'part' && from.endsWith('.part'));
  };
  const renameFile = async (from: string, to: string): Promise<void> => {
    await rename(realPath(root, from), realPath(root, to));
    hooks.record(`rename ${virtualPath(from)} -> ${virtualPath(to)}`);
  };
  sftp.on('RENAME', (reqId, oldPath, newPath) => {
    serve(reqId, async () => {
      if (refused(oldPath))
        return () =>
          sftp.status(reqId, STATUS.PERMISSION_DENIED, 'rename refused by server policy');
      // SFTP v3 RENAME (as OpenSSH implements it) refuses to replace an existing file.
      const exists = await stat(realPath(root, newPath)).then(
        () => true,
        () => false,
      );
      if (exists) return () => sftp.status(reqId, STATUS.FAILURE, 'target file already exists');
      await renameFile(oldPath, newPath);
      return undefined;
    });
  });
  sftp.on('EXTENDED', (reqId: number, name: string, data: Buffer | undefined) => {
    serve(reqId, async () => {
      const paths = name === POSIX_RENAME ? twoStrings(data) : null;
      if (paths === null || hooks.faults().noPosixRename === true)
        return () => sftp.status(reqId, STATUS.OP_UNSUPPORTED, `${name} not supported`);
      const [from, to] = paths;
      if (refused(from))
        return () =>
          sftp.status(reqId, STATUS.PERMISSION_DENIED, 'rename refused by server policy');
      await renameFile(from, to);
      return undefined;
    });
  });
  for (const event of ['OPENDIR', 'READDIR', 'READ', 'READLINK', 'SYMLINK']) {
    sftp.on(event, (reqId: number) =>
      reply(() => sftp.status(reqId, STATUS.OP_UNSUPPORTED, `${event} not supported`)),
    );
  }
  sftp.on('close', () => {
    for (const fh of handles.values()) void fh.close().catch(() => undefined);
    handles.clear();
  });
};
