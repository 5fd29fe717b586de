import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writes to a hidden temporary file in the same folder, flushes it to disk, then renames it over
 * the final name: readers see the old file or the new one, never a partial one.
 */
export const writeFileAtomic = async (path: string, bytes: Uint8Array): Promise<void> => {
  const folder = dirname(path);
  // Absolute first: Node's recursive mkdir of a relative path such as `out/nightly` loops forever
  // once the working folder has been deleted; resolving throws ENOENT instead.
  await mkdir(resolve(folder), { recursive: true });
  const temporary = join(
    folder,
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const directory = await open(folder, 'r').catch(() => null);
  await directory?.sync().catch(() => undefined);
  await directory?.close();
};
