import { readFile } from 'node:fs/promises';
import { ConfigError } from '@sync360/core';

/** Reads and parses a JSON file given by a flag; every failure names the flag, file and fix. */
export const readJsonFile = async (path: string, flag: string): Promise<unknown> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ConfigError(
      'input-unreadable',
      `${flag} ${path}: cannot read the file (${reason}).`,
      `Check the path given to ${flag} and that the file is readable.`,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      'input-malformed',
      `${flag} ${path}: not valid JSON (${reason}).`,
      `Give ${flag} a JSON response body of Lucca's API (see README, "Input files").`,
    );
  }
};
