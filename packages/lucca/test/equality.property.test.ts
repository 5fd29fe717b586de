import {
  buildPlan,
  defaultPlanOptions,
  type EmployeeRecord,
  type Plan,
  type PlanOptions,
  type UserRow,
} from '@sync360/core';
import {
  makeLuccaDefinitions,
  makeLuccaUsers,
  type LuccaStatusStyle,
} from '@sync360/testkit/lucca-users';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUsersPayload, readDefinitions } from '../src/index.js';
import { buildPlan as buildPlanBefore } from './before/plan.js';
import { parseUsersPayload as parseUsersBefore } from './before/users.js';

// The Lucca mapping and the core rules were rewritten for speed (issue 25). `before/` holds them
// as they were (commit 72410e8, plus the rule changes merged since), only as this test's oracle:
// for generated Lucca payloads, odd values included, both must give the same records, problems,
// reminders, changes and file bytes.

const seed = 25_100_000;
const today = '2026-01-15';

const oddValues = [
  true,
  false,
  0,
  -1,
  12.5,
  1e21,
  [],
  ['x'],
  {},
  { id: {} },
  { id: null },
  { id: '7', name: 3 },
  { name: 'fr-FR' },
  { id: 1036, name: null },
  { value: 'Active' },
];

/** Text as people type it: accents (composed or not), odd spaces, controls, formula starts. */
const typedText = fc.oneof(
  fc.constantFrom(
    'Camille',
    'Léa',
    'Le\u0301a',
    '  Zoé  ',
    "D'Almeida",
    'Jean\tPierre',
    'Anne\n Marie',
    'Nguyen\u00a0Van',
    '\u200bHidden',
    '=SUM(A1)',
    '+33',
    '-12',
    '@home',
    '',
    '   ',
    'x\u0000y',
    'Ω\u2028Ω',
    'A  B',
    '\ufeffBom',
  ),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);

const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> =>
  fc.oneof(
    { weight: 8, arbitrary },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

/** Mostly what the field should hold, sometimes a value of another type (rule 10). */
const field = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 12, arbitrary: maybe(arbitrary) },
    { weight: 1, arbitrary: fc.constantFrom(...oddValues) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );

const luccaId = fc.oneof(
  fc.integer({ min: 1, max: 30 }),
  fc.integer({ min: 1, max: 30 }).map(String),
  fc.constantFrom(' 3', '3 ', '03'),
);
const reference = fc.oneof(
  { weight: 4, arbitrary: luccaId.map((id) => ({ id, name: 'x', url: '' })) },
  { weight: 1, arbitrary: luccaId },
  { weight: 1, arbitrary: fc.constantFrom({ id: 'abc' }, { id: '' }, '', ' ') },
);
const employeeNumber = fc.oneof(
  fc.integer({ min: 1, max: 25 }).map((n) => `E${String(n).padStart(3, '0')}`),
  fc.integer({ min: 1, max: 25 }),
  fc.constantFrom(' E001 ', 'E01', 'E1', '10', '9', 'A-2', 'a10b', '=E9', '', 'Ｅ１', '١٢'),
  typedText,
);
const mail = fc.oneof(
  fc.integer({ min: 1, max: 20 }).map((n) => `person${n}@acme.test`),
  fc.integer({ min: 1, max: 20 }).map((n) => ` Person${n}@ACME.test `),
  fc.constantFrom('no-at.acme.test', 'a@b', 'a@@b.c', '@acme.test', 'a b@acme.test', 'x@y.z'),
  typedText,
);
const culture = fc.oneof(
  fc.constantFrom(1036, 1033, 2057, 1031, 3082, 1040, 1043, 2070, 1045, 9999, -1036, 1036.5),
  fc.constantFrom('fr-FR', 'en_US', 'de', 'xx-YY-zz', '1036', ' 1033 ', 'français', ''),
  fc.constantFrom({ id: 1033, name: 7 }, { id: 1036, name: {} }, { id: '1036' }, { id: null }),
  fc.record(
    {
      id: maybe(fc.constantFrom(1036, 1033, 3084, 4242)),
      name: maybe(fc.constantFrom('fr-FR', 'en', '?')),
    },
    { requiredKeys: [] },
  ),
);
const luccaDate = fc
  .date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2027-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((value) => `${value.toISOString().slice(0, 10)}T00:00:00`);
const date = fc.oneof(
  luccaDate,
  fc.constantFrom(
    '2026-01-15',
    '2026-01-22T00:00:00',
    ' 2026-01-14 ',
    '2026-01-14 08:00',
    '2026-02-30',
    '2024-02-29T00:00:00',
    '2023-02-29',
    '0050-01-01',
    '0100-03-01',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-5',
    '2026-01-15x',
    '',
    '  ',
    'tomorrow',
  ),
);
const statusValue = fc.oneof(
  fc.constantFrom(
    'Active',
    'Inactive',
    'actif',
    ' INACTIF ',
    'Aktiv',
    'Paused',
    '',
    '84',
    'Act\u0131ve',
  ),
  fc.constantFrom(84, 85, 99, '84', '85', 84.5),
  fc.constantFrom(
    { id: 84 },
    { id: 85, name: 'Inactive' },
    { name: 'Actif' },
    { translation: 'Active' },
    { id: null },
  ),
);
const statusField = fc.oneof(
  { weight: 6, arbitrary: statusValue.map((value) => ({ id: 7000, value })) },
  { weight: 2, arbitrary: statusValue },
  { weight: 1, arbitrary: fc.constantFrom({}, { id: 1 }, { value: null }, []) },
);
const extendedData = fc.record(
  {
    e_badge: fc.jsonValue({ maxDepth: 1 }),
    e_360_status: statusField,
  },
  { requiredKeys: [] },
);

const messyUser = fc.record(
  {
    id: field(luccaId),
    employeeNumber: field(employeeNumber),
    firstName: field(typedText),
    lastName: field(typedText),
    mail: field(mail),
    jobTitle: field(typedText),
    culture: field(culture),
    manager: field(reference),
    managerId: field(luccaId),
    legalEntity: field(fc.constantFrom({ id: 1, name: 'Acme 1' }, { id: 2 }, 1, '2', ' 1 ')),
    legalEntityId: field(fc.constantFrom('1', '2', 3)),
    dtContractStart: field(date),
    dtContractEnd: field(date),
    extendedData: field(extendedData),
    unused: fc.jsonValue({ maxDepth: 2 }),
  },
  {
    requiredKeys: [
      'id',
      'employeeNumber',
      'firstName',
      'lastName',
      'mail',
      'jobTitle',
      'culture',
      'extendedData',
    ],
  },
);

/** Users as Lucca usually sends them, so duplicates, managers and exports are exercised too. */
const cleanUser = fc.record({
  id: fc.integer({ min: 1, max: 40 }),
  employeeNumber: fc.integer({ min: 1, max: 30 }).map((n) => `E${String(n).padStart(3, '0')}`),
  firstName: fc.constantFrom('Camille', 'Léa', 'Hugo', 'Zoé'),
  lastName: fc.constantFrom('Martin', "D'Almeida", 'Müller', 'Nguyen'),
  mail: fc.integer({ min: 1, max: 30 }).map((n) => `person${n}@acme.test`),
  jobTitle: fc.constantFrom('Comptable', 'Account Manager', ''),
  culture: fc.constantFrom({ id: 1036, name: 'fr-FR' }, { id: 1033, name: 'en-US' }, 1031, 'es-ES'),
  manager: maybe(fc.integer({ min: 1, max: 45 }).map((id) => ({ id, name: 'm', url: '' }))),
  legalEntity: fc.constantFrom({ id: 1, name: 'Acme 1' }, { id: 2, name: 'Acme 2' }),
  dtContractStart: maybe(luccaDate),
  dtContractEnd: fc.oneof(fc.constant(null), luccaDate),
  extendedData: fc.record({
    e_badge: fc.constant({ id: 5, value: 'B1' }),
    e_360_status: fc
      .oneof(
        { weight: 8, arbitrary: fc.constantFrom('Active', 'Inactive', 'Actif', 84, 85, '') },
        { weight: 1, arbitrary: fc.constant(null) },
      )
      .map((value) => ({ id: 7, value })),
  }),
});

const user = fc.oneof({ weight: 3, arbitrary: cleanUser }, { weight: 2, arbitrary: messyUser });

const payload = fc.oneof(
  { weight: 8, arbitrary: fc.array(user, { maxLength: 40 }).map((items) => ({ data: { items } })) },
  { weight: 1, arbitrary: fc.array(user, { maxLength: 10 }) },
  { weight: 1, arbitrary: fc.array(user, { maxLength: 5 }).map((items) => ({ items })) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ data: fc.jsonValue({ maxDepth: 2 }), items: fc.jsonValue({ maxDepth: 1 }) }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(user, fc.jsonValue({ maxDepth: 1 })), { maxLength: 4 }),
  },
);

const planOptions: fc.Arbitrary<PlanOptions> = fc.record({
  legalEntities: fc.constantFrom(null, ['1'], ['2', '9']),
  uniqueId: fc.constantFrom('employeeNumber', 'entity-employeeNumber'),
  extraActiveLabels: fc.constantFrom([], ['Aktiv'], [' AKTIV ']),
  extraInactiveLabels: fc.constantFrom([], ['Paused']),
  delimiter: fc.constantFrom(',', ';'),
  header: fc.constantFrom(defaultPlanOptions.header, [
    'id',
    'e-mail',
    'first name',
    'last;name',
    'title,x',
    'lang',
    '"boss"',
    'state',
  ]),
  defaultLanguage: fc.constantFrom('fr', 'en'),
  maxDeactivations: fc.constantFrom(null, 0, 3),
  onboardingLeadDays: fc.constantFrom(0, 7),
});

/** What a plan tells: everything but the employees' internal drafts. */
const told = (plan: Plan) => ({
  text: plan.file.text,
  sha256: plan.file.sha256,
  bytes: Buffer.from(plan.file.bytes).toString('base64'),
  rows: plan.rows,
  problems: plan.problems,
  reminders: plan.reminders,
  changes: plan.changes,
  changeList: plan.changeList,
  guard: plan.guard,
  counts: plan.counts,
  employees: plan.employees.map((employee) => ({
    record: employee.record,
    luccaId: employee.luccaId,
    employeeNumber: employee.employeeNumber,
    uniqueId: employee.uniqueId,
    name: employee.name,
    status: employee.status,
    exported: employee.exported,
    problems: employee.problems,
  })),
});

/** A previous file made from some of today's rows, a few of them changed or flipped. */
const previousOf = (rows: ReadonlyArray<UserRow>, pick: number): UserRow[] | null =>
  pick === 0
    ? null
    : rows
        .filter((_, index) => (index + pick) % 3 !== 0)
        .map((row, index): UserRow =>
          index % 4 === 0
            ? { ...row, status: row.status === 'Active' ? 'Inactive' : 'Active' }
            : index % 5 === 0
              ? { ...row, title: `${row.title}!` }
              : row,
        )
        .concat(pick === 2 ? [{ ...defaultRow, uniqueId: `Z${String(rows.length)}` }] : []);

const defaultRow: UserRow = {
  uniqueId: 'Z1',
  email: 'z@acme.test',
  firstName: 'Z',
  lastName: 'Z',
  title: '',
  language: 'fr',
  managerId: '',
  status: 'Active',
};

describe(`the rewritten Lucca mapping and rules give exactly what they gave before (fast-check seed ${seed})`, () => {
  it('same records, problems, reminders, changes and file bytes for generated payloads', () => {
    const read = readDefinitions({ data: { items: makeLuccaDefinitions() } }, 'e_360_status');
    if (!read.ok) expect.fail(read.reason);
    fc.assert(
      fc.property(
        payload,
        fc.oneof(
          { weight: 6, arbitrary: fc.constant('e_360_status') },
          { weight: 2, arbitrary: fc.constant('360_status') },
          { weight: 1, arbitrary: fc.constant('e_badge') },
        ),
        fc.boolean(),
        planOptions,
        fc.integer({ min: 0, max: 2 }),
        (json, statusKey, withDefinitions, options, pick) => {
          const usersOptions = {
            statusField: statusKey,
            definitions: withDefinitions ? read.definitions : null,
          };
          const before = parseUsersBefore(json, usersOptions);
          const after = parseUsersPayload(json, usersOptions);
          expect(after).toStrictEqual(before);
          if (!before.ok || !after.ok) return;
          const records: EmployeeRecord[] = before.records;
          const oldPlan = buildPlanBefore({ records, previousRows: null, today, options });
          const previousRows = previousOf(oldPlan.rows, pick);
          const input = { records, previousRows, today, options };
          expect(told(buildPlan({ ...input, records: after.records }))).toStrictEqual(
            told(buildPlanBefore(input)),
          );
        },
      ),
      { seed, numRuns: 600 },
    );
  }, 120_000);

  it('same records and file for realistic users, every status style, in any order', () => {
    const read = readDefinitions({ data: { items: makeLuccaDefinitions() } }, 'e_360_status');
    if (!read.ok) expect.fail(read.reason);
    fc.assert(
      fc.property(
        fc.constantFrom<LuccaStatusStyle>('entry', 'label', 'object-label', 'value-label', 'none'),
        fc.integer({ min: 0, max: 5 }),
        fc.integer(),
        (statusStyle, formerEvery, shuffle) => {
          const users = makeLuccaUsers(400, { statusStyle, formerEvery, today });
          const items = users
            .map((item, index) => ({ item, key: Math.imul(index + 1, shuffle | 1) >>> 7 }))
            .sort((a, b) => a.key - b.key)
            .map(({ item }) => item);
          const usersOptions = { statusField: 'e_360_status', definitions: read.definitions };
          const before = parseUsersBefore({ data: { items } }, usersOptions);
          const after = parseUsersPayload({ data: { items } }, usersOptions);
          expect(after).toStrictEqual(before);
          if (!before.ok || !after.ok) return;
          const input = { previousRows: null, today, options: defaultPlanOptions };
          expect(told(buildPlan({ ...input, records: after.records }))).toStrictEqual(
            told(buildPlanBefore({ ...input, records: before.records })),
          );
        },
      ),
      { seed, numRuns: 30 },
    );
  }, 120_000);
});
