import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp dir and its cleanup, for tests. */
export const makeTempDir = async (
  prefix = 'sync360-',
): Promise<{ path: string; cleanup: () => Promise<void> }> => {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
};
