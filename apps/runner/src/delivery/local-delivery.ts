import { resolve, join } from 'node:path';
import { DeliveryError } from '@sync360/core';
import { writeFileAtomic } from '../state/atomic-write.js';

/** The absolute path when there is one (none once the working folder itself is gone). */
const shown = (path: string): string => {
  try {
    return resolve(path);
  } catch {
    return path;
  }
};

export const deliverLocally = async (
  directory: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<string> => {
  const path = join(directory, fileName);
  try {
    await writeFileAtomic(path, bytes);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new DeliveryError(
      'local-write-failed',
      `Cannot write ${shown(path)} (${reason}).`,
      'Check that the output folder (--out or SYNC360_OUTPUT_DIR) is writable and the disk is not full.',
    );
  }
  return path;
};
