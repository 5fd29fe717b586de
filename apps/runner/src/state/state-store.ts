import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, parsePreviousFile, type UserRow } from '@sync360/core';
import { z } from 'zod';
import { fsErrorCode, writeFileAtomic } from './local-files.js';

const csvPath = (stateDir: string): string => join(stateDir, 'last-delivered.csv');
const recordPath = (stateDir: string): string => join(stateDir, 'last-delivered.json');

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Which destination each file was delivered to, by the file's sha256: the new file and the one it
 * replaces. Written before the file, so the state changes at one rename (the file's): whether a
 * run is killed before or after it, the file on disk finds its own destination here.
 */
const bound = z.object({
  files: z.array(z.object({ sha256: z.string(), destination: z.string() })),
});
/** Written before sync360 bound the record to the file: it names the destination of any file. */
const unbound = z.object({ destination: z.string() });

interface Baseline {
  /** The rows of the last file delivered to this destination, or null (no baseline). */
  readonly rows: ReadonlyArray<UserRow> | null;
  /** Set when the state holds another destination's file, which counts as no baseline. */
  readonly otherDestination: string | null;
}

/** A state file's bytes, null when absent. Opened without blocking: a FIFO there never holds a run. */
const readBytes = async (path: string): Promise<Buffer | null> => {
  try {
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      if (!(await handle.stat()).isFile())
        throw new ConfigError(
          'state-corrupt',
          `${path} is not a regular file.`,
          `Delete ${path}; sync360 writes it again after the next delivery.`,
        );
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    if (fsErrorCode(error) === 'ENOENT') return null;
    throw new ConfigError(
      'state-unreadable',
      `Cannot read ${path} (${fsErrorCode(error) ?? 'unreadable'}).`,
      'Check SYNC360_STATE_DIR and its permissions.',
    );
  }
};

/**
 * The destination the state's file was delivered to; null when no record names it (a state from
 * before records, or a file put there by hand): it is then taken as the configured destination's.
 */
const ownerOf = async (stateDir: string, file: Uint8Array): Promise<string | null> => {
  const path = recordPath(stateDir);
  const bytes = await readBytes(path);
  if (bytes === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = null;
  }
  const current = bound.safeParse(json);
  if (current.success) {
    const digest = sha256(file);
    return current.data.files.find((entry) => entry.sha256 === digest)?.destination ?? null;
  }
  const legacy = unbound.safeParse(json);
  if (legacy.success) return legacy.data.destination;
  throw new ConfigError(
    'state-corrupt',
    `${path} is damaged: it no longer says which destination last-delivered.csv was delivered to.`,
    `Delete ${path}: last-delivered.csv is then taken as the configured destination's baseline (delete both files to start without a baseline).`,
  );
};

/**
 * The last delivered file, when it was delivered to `destination`. With `redact`, a corrupt
 * file's error quotes no CSV value.
 */
export const readBaseline = async (
  stateDir: string,
  destination: string,
  redact = false,
): Promise<Baseline> => {
  const path = csvPath(stateDir);
  const bytes = await readBytes(path);
  if (bytes === null) return { rows: null, otherDestination: null };
  const owner = await ownerOf(stateDir, bytes);
  if (owner !== null && owner !== destination) return { rows: null, otherDestination: owner };
  const parsed = parsePreviousFile(bytes.toString('utf8'));
  if (!parsed.ok) {
    throw new ConfigError(
      'state-corrupt',
      `${path} is not a 360 user file${redact ? '' : ` (${parsed.reason})`}.`,
      'Restore it from the last file delivered to 360Learning, or delete it to start without a baseline (the next delivery is then compared with an empty file: Inactive rows count as deactivations).',
    );
  }
  return { rows: parsed.rows, otherDestination: null };
};

/**
 * Replaces the state only after a successful delivery. The record first, naming the new file's
 * destination and the previous file's, then the file: its rename is the one step that changes the
 * state (a state from before records is migrated by the same write).
 */
export const saveBaseline = async (
  stateDir: string,
  bytes: Uint8Array,
  destination: string,
): Promise<void> => {
  const previous = await readBytes(csvPath(stateDir));
  const previousOwner = previous === null ? null : await ownerOf(stateDir, previous);
  const files = [
    { sha256: sha256(bytes), destination },
    ...(previous === null || previousOwner === null
      ? []
      : [{ sha256: sha256(previous), destination: previousOwner }]),
  ].filter((entry, index, all) => all.findIndex((e) => e.sha256 === entry.sha256) === index);
  await writeFileAtomic(
    recordPath(stateDir),
    new TextEncoder().encode(`${JSON.stringify({ files }, null, 2)}\n`),
  );
  // Test hook (documented in the README): a run SIGKILLs itself at the one point where the record
  // is new and the file old, so a test reaches that state on purpose, not by chance.
  if (process.env['SYNC360_TEST_CRASH_AT'] === 'state-commit') process.kill(process.pid, 'SIGKILL');
  await writeFileAtomic(csvPath(stateDir), bytes);
};
