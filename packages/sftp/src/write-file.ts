import type { SFTPWrapper } from 'ssh2';

const CHUNK_BYTES = 32_768;
/** WRITE requests in flight at once: enough to hide the round trips of a small file. */
const WINDOW = 8;

const openForWrite = (sftp: SFTPWrapper, path: string): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    sftp.open(path, 'w', (error, handle) => (error ? reject(error) : resolve(handle)));
  });

const writeChunk = (
  sftp: SFTPWrapper,
  handle: Buffer,
  data: Buffer,
  position: number,
): Promise<void> =>
  new Promise((resolve, reject) => {
    sftp.write(handle, data, 0, data.length, position, (error) =>
      error ? reject(error) : resolve(),
    );
  });

const closeHandle = (sftp: SFTPWrapper, handle: Buffer): Promise<void> =>
  new Promise((resolve, reject) => {
    sftp.close(handle, (error) => (error ? reject(error) : resolve()));
  });

/**
 * Writes `data` to `path` (created or truncated) with plain SFTP OPEN / WRITE / CLOSE, so that
 * every status the server answers (permission denied, no space left...) reaches the caller.
 * ssh2's WriteStream, which ssh2-sftp-client's `put` uses, destroys itself before reporting a
 * failed WRITE, and the failure is lost.
 */
export const writeRemoteFile = async (
  sftp: SFTPWrapper,
  path: string,
  data: Buffer,
): Promise<void> => {
  const handle = await openForWrite(sftp, path);
  try {
    for (let start = 0; start < data.length; start += CHUNK_BYTES * WINDOW) {
      const writes: Promise<void>[] = [];
      for (
        let offset = start;
        offset < Math.min(data.length, start + CHUNK_BYTES * WINDOW);
        offset += CHUNK_BYTES
      ) {
        writes.push(writeChunk(sftp, handle, data.subarray(offset, offset + CHUNK_BYTES), offset));
      }
      await Promise.all(writes);
    }
  } catch (error) {
    void closeHandle(sftp, handle).catch(() => undefined);
    throw error;
  }
  await closeHandle(sftp, handle);
};
