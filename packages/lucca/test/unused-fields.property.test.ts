import { buildPlan, defaultPlanOptions, type EmployeeRecord } from '@sync360/core';
import {
  makeLuccaDefinitions,
  makeLuccaUsers,
  startFakeLucca,
  type FakeLucca,
  type LuccaUserItem,
} from '@sync360/testkit/lucca-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchLuccaRecords, parseUsersPayload, readDefinitions } from '../src/index.js';
import { userFields } from '../src/users.js';
import { settingsFor, today } from './helpers.js';

const seed = 360_13;
const statusField = 'e_360_status';

/** Random JSON under keys that are none of `taken` (so only unused fields get it). */
const extraKeys = (taken: ReadonlyArray<string>) =>
  fc.dictionary(
    fc.string({ maxLength: 8 }).filter((key) => !taken.includes(key) && key !== '__proto__'),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 3 },
  );

const isItem = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const users = makeLuccaUsers(24, { formerEvery: 5, today });
const definitions = makeLuccaDefinitions();

/** Junk for one user: its extra top-level fields, custom fields and keys of the objects read. */
const userJunk = fc.record({
  top: extraKeys([...userFields, 'legalEntityId']),
  extended: extraKeys([statusField, '360_status']),
  status: extraKeys(['id', 'value', 'name', 'translation']),
  manager: extraKeys(['id']),
  legalEntity: extraKeys(['id']),
  culture: extraKeys(['id', 'name']),
});

type Junk<A> = A extends fc.Arbitrary<infer T> ? T : never;
const noJunk: Junk<typeof userJunk> = {
  top: {},
  extended: {},
  status: {},
  manager: {},
  legalEntity: {},
  culture: {},
};

const withJunk = (user: LuccaUserItem, junk: Junk<typeof userJunk> = noJunk): LuccaUserItem => {
  const extend = (value: unknown, extra: Record<string, unknown>): unknown =>
    isItem(value) ? { ...extra, ...value } : value;
  const extended = isItem(user['extendedData']) ? user['extendedData'] : {};
  return {
    ...junk.top,
    ...user,
    manager: extend(user['manager'], junk.manager),
    legalEntity: extend(user['legalEntity'], junk.legalEntity),
    culture: extend(user['culture'], junk.culture),
    extendedData: {
      ...junk.extended,
      ...extended,
      [statusField]: extend(extended[statusField], junk.status),
    },
  };
};

/** Junk in definitions: extra keys everywhere, anything at all in the fields not read. */
const definitionsJunk = fc.record({
  definition: extraKeys(['id', 'name', 'code', 'extensionUserPropertyListEntries']),
  entry: extraKeys(['id', 'name', 'translation']),
  otherEntries: fc.jsonValue({ maxDepth: 3 }),
});

const definitionsWith = (junk: Junk<typeof definitionsJunk>): unknown[] =>
  definitions.map((definition) =>
    definition.code === '360_status'
      ? {
          ...junk.definition,
          ...definition,
          extensionUserPropertyListEntries: definition.extensionUserPropertyListEntries.map(
            (entry) => ({ ...junk.entry, ...entry }),
          ),
        }
      : { ...junk.definition, ...definition, extensionUserPropertyListEntries: junk.otherEntries },
  );

const fileOf = (records: EmployeeRecord[]): string =>
  buildPlan({ records, previousRows: null, today, options: defaultPlanOptions }).file.text;

describe(`random JSON in fields sync360 does not use never changes the file (fast-check seed ${seed})`, () => {
  let server: FakeLucca;
  let baseline: EmployeeRecord[];
  beforeAll(async () => {
    server = await startFakeLucca({ users, definitions, today });
    baseline = (await fetchLuccaRecords(settingsFor(server).settings, today)).records;
  });
  afterAll(() => server.close());

  it('through the local Lucca server', async () => {
    expect(baseline).toHaveLength(24);
    const file = fileOf(baseline);
    expect(file.split('\n').length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(
        fc.array(userJunk, { minLength: users.length, maxLength: users.length }),
        definitionsJunk,
        async (junk, definitionJunk) => {
          server.update({
            users: users.map((user, index) => withJunk(user, junk[index])),
            definitions: definitionsWith(definitionJunk),
          });
          const { records } = await fetchLuccaRecords(settingsFor(server).settings, today);
          expect(records).toEqual(baseline);
          expect(fileOf(records)).toBe(file);
        },
      ),
      { seed, numRuns: 40 },
    );
  }, 120_000);

  it('in an --input file (which keeps unused top-level fields)', () => {
    fc.assert(
      fc.property(
        fc.array(userJunk, { minLength: users.length, maxLength: users.length }),
        definitionsJunk,
        (junk, definitionJunk) => {
          const read = readDefinitions(
            { data: { items: definitionsWith(definitionJunk) } },
            statusField,
          );
          if (!read.ok) expect.fail(read.reason);
          const parsed = parseUsersPayload(
            { data: { items: users.map((user, index) => withJunk(user, junk[index])) } },
            { statusField, definitions: read.definitions },
          );
          expect(parsed.ok && parsed.records).toEqual(baseline);
        },
      ),
      { seed, numRuns: 120 },
    );
  }, 120_000);
});
