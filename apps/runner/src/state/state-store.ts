import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, parsePreviousFile, type UserRow } from '@sync360/core';
import { writeFileAtomic } from './atomic-write.js';

export const lastDeliveredPath = (stateDir: string): string => join(stateDir, 'last-delivered.csv');

/** The rows of the last delivered file, or null when nothing was delivered yet (no baseline). */
export const readLastDelivered = async (
  stateDir: string,
): Promise<ReadonlyArray<UserRow> | null> => {
  const path = lastDeliveredPath(stateDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw new ConfigError(
      'state-unreadable',
      `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}.`,
      'Check SYNC360_STATE_DIR and its permissions.',
    );
  }
  const parsed = parsePreviousFile(text);
  if (!parsed.ok) {
    throw new ConfigError(
      'state-corrupt',
      `${path} is not a 360 user file (${parsed.reason}).`,
      `Restore it from the last file delivered to 360Learning, or delete it to start without a baseline (the safety guard then only checks for an empty file).`,
    );
  }
  return parsed.rows;
};

/** Replaces the state only after a successful delivery, atomically. */
export const saveLastDelivered = (stateDir: string, bytes: Uint8Array): Promise<void> =>
  writeFileAtomic(lastDeliveredPath(stateDir), bytes);
