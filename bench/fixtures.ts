import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  buildPlan,
  defaultPlanOptions,
  employeeRecordSchema,
  type EmployeeRecord,
} from '@sync360/core';
import { parseUsersPayload, readDefinitions } from '@sync360/lucca';
import { makeLuccaDefinitions, makeLuccaUsers } from '@sync360/testkit/lucca-server';
import { collectGarbage } from './child.js';

/** The "today" of every benchmark, matching the generator's contract dates. */
export const benchToday = '2026-01-15';
export const statusField = 'e_360_status';

/** Deterministic PRNG (mulberry32), so every run benchmarks the same data. */
const prng = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/**
 * A seeded Fisher-Yates shuffle. Lucca pages by internal id, which mostly follows hiring and so
 * employee numbers; the shuffled variant is the worst case for the sort.
 */
export const shuffled = <T>(items: ReadonlyArray<T>, seed: number): T[] => {
  const random = prng(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const here = copy[index];
    const there = copy[other];
    if (here === undefined || there === undefined) continue;
    copy[index] = there;
    copy[other] = here;
  }
  return copy;
};

/** Core records from Lucca items, through the same mapping as the API client and `--input`. */
export const recordsOf = (items: ReadonlyArray<unknown>): EmployeeRecord[] => {
  const definitions = readDefinitions({ data: { items: makeLuccaDefinitions() } }, statusField);
  if (!definitions.ok) throw new Error(`bench definitions: ${definitions.reason}`);
  const parsed = parseUsersPayload(items, { statusField, definitions: definitions.definitions });
  if (!parsed.ok) throw new Error(`bench users: ${parsed.issue.message}`);
  return parsed.records;
};

/**
 * The file delivered "yesterday", of similar size: 1 % of today's employees not hired yet, 2 % with
 * another title, 0.5 % with another status, so the diff has every kind of change to find.
 */
export const previousFileFor = (records: ReadonlyArray<EmployeeRecord>): string => {
  const yesterday = records
    .filter((_, index) => index % 100 !== 7)
    .map((record, index): EmployeeRecord => {
      if (index % 50 === 3) return { ...record, title: `${record.title ?? ''} (acting)` };
      if (index % 200 === 11)
        return { ...record, statusLabel: record.statusLabel === 'Actif' ? 'Inactif' : 'Actif' };
      return record;
    });
  return buildPlan({
    records: yesterday,
    previousRows: null,
    today: benchToday,
    options: defaultPlanOptions,
  }).file.text;
};

/** Writes the records (one JSON line each) and yesterday's file, where a scenario child reads them. */
export const writeBuildFixture = async (
  dir: string,
  n: number,
  order: 'lucca' | 'shuffled',
): Promise<void> => {
  const users = makeLuccaUsers(n, { today: benchToday });
  const records = recordsOf(order === 'lucca' ? users : shuffled(users, n));
  await writeFile(
    join(dir, 'records.ndjson'),
    records.map((record) => JSON.stringify(record)).join('\n'),
  );
  await writeFile(join(dir, 'previous.csv'), previousFileFor(records));
};

/** Line by line, so loading 100,000 records never holds their whole text (clean memory figures). */
export const readBuildFixture = async (
  dir: string,
): Promise<{ records: EmployeeRecord[]; previousCsv: string }> => {
  const records: EmployeeRecord[] = [];
  const lines = createInterface({
    input: createReadStream(join(dir, 'records.ndjson'), 'utf8'),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    if (line === '') continue;
    records.push(employeeRecordSchema.parse(JSON.parse(line)));
    // Parsing garbage would otherwise grow the heap (and the RSS) past what the build needs.
    if (records.length % 10_000 === 0) collectGarbage();
  }
  return { records, previousCsv: await readFile(join(dir, 'previous.csv'), 'utf8') };
};
