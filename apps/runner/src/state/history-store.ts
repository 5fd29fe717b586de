import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryItem, HistoryWindow } from '@sync360/core';
import { z } from 'zod';
import { folderError, fsErrorCode, writeFileAtomic } from './local-files.js';

/** What a held plan keeps for `--approve`: exactly the items reviewed, and their sha256. */
export interface SavedHistoryPlan {
  readonly sha256: string;
  readonly window: HistoryWindow;
  readonly items: ReadonlyArray<HistoryItem>;
}

/** What the history state folder remembers between runs. */
export interface HistoryState {
  /** The sha256 of the last plan applied from this folder, null when none ever was. */
  readonly appliedSha256: string | null;
  /** The form of the training reference Lucca accepted (`trainingId` or `training`). */
  readonly trainingField: 'trainingId' | 'training' | null;
}

const planFile = 'history-plan.json';
const stateFile = 'history-state.json';

const itemSchema = z.object({
  luccaId: z.string(),
  employeeNumber: z.string(),
  title: z.string(),
  sessionEndsOn: z.string(),
  create: z.boolean(),
  sessionStartsOn: z.string(),
  durationInHours: z.number(),
  trainingId: z.number().nullable(),
});

const planSchema = z.object({
  version: z.literal(1),
  sha256: z.string(),
  window: z.object({ from: z.string(), until: z.string() }),
  items: z.array(itemSchema),
});

const stateSchema = z.object({
  appliedSha256: z.string().nullable(),
  trainingField: z.enum(['trainingId', 'training']).nullable(),
});

const readJson = async (path: string, variable: string): Promise<unknown> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return undefined;
    throw folderError(variable, path, fsErrorCode(error)) ?? error;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const write = (path: string, value: unknown): Promise<void> =>
  writeFileAtomic(path, new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`));

/** The saved plan, or null when there is none (or it cannot be read: approving it is refused). */
export const readSavedPlan = async (folder: string): Promise<SavedHistoryPlan | null> => {
  const parsed = planSchema.safeParse(await readJson(join(folder, planFile), 'SYNC360_STATE_DIR'));
  return parsed.success ? parsed.data : null;
};

export const savePlan = (folder: string, plan: SavedHistoryPlan): Promise<void> =>
  write(join(folder, planFile), { version: 1, ...plan });

/** An unreadable state counts as "never applied": the next plan is reviewed again. */
export const readHistoryState = async (folder: string): Promise<HistoryState> => {
  const parsed = stateSchema.safeParse(
    await readJson(join(folder, stateFile), 'SYNC360_STATE_DIR'),
  );
  return parsed.success ? parsed.data : { appliedSha256: null, trainingField: null };
};

export const saveHistoryState = (folder: string, state: HistoryState): Promise<void> =>
  write(join(folder, stateFile), state);
