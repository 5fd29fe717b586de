import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, parsePreviousFile, type UserRow } from '@sync360/core';
import { z } from 'zod';
import { fsErrorCode, writeFileAtomic } from './local-files.js';

const csvPath = (stateDir: string): string => join(stateDir, 'last-delivered.csv');
const destinationPath = (stateDir: string): string => join(stateDir, 'last-delivered.json');

const destinationFile = z.object({ destination: z.string() });

/** A damaged record names no destination: it then matches none. */
const destinationOf = (text: string): string => {
  try {
    const parsed = destinationFile.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.destination : 'unknown';
  } catch {
    return 'unknown';
  }
};

interface Baseline {
  /** The rows of the last file delivered to this destination, or null (no baseline). */
  readonly rows: ReadonlyArray<UserRow> | null;
  /** Set when the state holds another destination's file, which counts as no baseline. */
  readonly otherDestination: string | null;
}

const readText = async (path: string): Promise<string | null> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return null;
    throw new ConfigError(
      'state-unreadable',
      `Cannot read ${path} (${fsErrorCode(error) ?? 'unreadable'}).`,
      'Check SYNC360_STATE_DIR and its permissions.',
    );
  }
};

/**
 * The last delivered file, when it was delivered to `destination`. A state written before the
 * destination was recorded is taken as this destination's. With `redact`, a corrupt file's error
 * quotes no CSV value.
 */
export const readBaseline = async (
  stateDir: string,
  destination: string,
  redact = false,
): Promise<Baseline> => {
  const recorded = await readText(destinationPath(stateDir));
  if (recorded !== null) {
    const owner = destinationOf(recorded);
    if (owner !== destination) return { rows: null, otherDestination: owner };
  }
  const path = csvPath(stateDir);
  const text = await readText(path);
  if (text === null) return { rows: null, otherDestination: null };
  const parsed = parsePreviousFile(text);
  if (!parsed.ok) {
    throw new ConfigError(
      'state-corrupt',
      `${path} is not a 360 user file${redact ? '' : ` (${parsed.reason})`}.`,
      'Restore it from the last file delivered to 360Learning, or delete it to start without a baseline (the next delivery is then compared with an empty file: Inactive rows count as deactivations).',
    );
  }
  return { rows: parsed.rows, otherDestination: null };
};

/** Replaces the state only after a successful delivery, the file first (each write atomic). */
export const saveBaseline = async (
  stateDir: string,
  bytes: Uint8Array,
  destination: string,
): Promise<void> => {
  await writeFileAtomic(csvPath(stateDir), bytes);
  await writeFileAtomic(
    destinationPath(stateDir),
    new TextEncoder().encode(`${JSON.stringify({ destination })}\n`),
  );
};
