import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { employee } from './records.js';
import { referenceCompare } from './reference-order.js';
import {
  buildPlan,
  compareUniqueIds,
  defaultPlanOptions,
  parsePreviousFile,
  type EmployeeRecord,
  type UserRow,
} from '../src/index.js';

const seed = 20_261_125;
const rowValues = (row: UserRow): string[] => [
  row.uniqueId,
  row.email,
  row.firstName,
  row.lastName,
  row.title,
  row.language,
  row.managerId,
  row.status,
];
/** RFC 4180 with quotes only where needed, written out here as the independent expectation. */
const referenceLine = (values: ReadonlyArray<string>, delimiter: string): string =>
  `${values
    .map((value) =>
      value.includes(delimiter) || value.includes('"') || value.includes('\n')
        ? `"${value.replaceAll('"', '""')}"`
        : value,
    )
    .join(delimiter)}\n`;

const plan = (records: EmployeeRecord[], delimiter: ',' | ';' = ',') =>
  buildPlan({
    records,
    previousRows: null,
    today: '2026-11-25',
    options: { ...defaultPlanOptions, delimiter },
  });

const arbitraryRecord = fc.record({
  luccaId: fc.option(fc.stringMatching(/^[0-9]{1,4}$/), { nil: null }),
  employeeNumber: fc.option(fc.oneof(fc.stringMatching(/^[A-Z]?[0-9]{1,5}$/), fc.string()), {
    nil: null,
  }),
  firstName: fc.option(fc.string({ unit: 'grapheme' }), { nil: null }),
  lastName: fc.option(fc.constantFrom('Martin', "L'Hôpital", 'Dupont, "Jr"', 'Ünal\nX', '=1+1'), {
    nil: null,
  }),
  email: fc.option(fc.oneof(fc.emailAddress(), fc.string()), { nil: null }),
  title: fc.option(fc.string(), { nil: null }),
  culture: fc.option(
    fc.oneof(fc.constantFrom(1036, 2057, 1031, 9999), fc.constantFrom('fr-FR', 'xx')),
    { nil: null },
  ),
  managerLuccaId: fc.option(fc.stringMatching(/^[0-9]{1,4}$/), { nil: null }),
  legalEntityId: fc.option(fc.constantFrom('1', '2'), { nil: null }),
  contractStart: fc.constant(null),
  contractEnd: fc.constant(null),
  statusLabel: fc.option(fc.constantFrom('Actif', 'Inactive', 'bogus', ''), { nil: null }),
});

describe('CSV file', () => {
  it('writes the header, quotes only where needed, ends lines with \\n and has no BOM', () => {
    const { file } = plan([
      employee({
        employeeNumber: '2',
        email: 'a@b.fr',
        firstName: 'Anne, "Nan"',
        lastName: 'Zoé',
        title: null,
      }),
    ]);
    expect(file.text).toBe(
      'uniqueId,email,firstName,lastName,title,language,managerId,status\n2,a@b.fr,"Anne, ""Nan""",Zoé,,fr,,Active\n',
    );
    expect(file.bytes[0]).not.toBe(0xef);
  });
  it('uses the configured delimiter', () => {
    const { file } = plan(
      [
        employee({
          employeeNumber: '2',
          email: 'a@b.fr',
          firstName: 'A;B',
          lastName: 'C,D',
          title: null,
        }),
      ],
      ';',
    );
    expect(file.text.split('\n')[1]).toBe('2;a@b.fr;"A;B";C,D;;fr;;Active');
  });
  it('sorts ids by digit runs numerically, then by code units', () => {
    const ids = ['B2', '10', '9', 'A10', 'A9', '09', 'a1', 'A09'];
    expect([...ids].sort(compareUniqueIds)).toEqual([
      '09',
      '9',
      '10',
      'A09',
      'A9',
      'A10',
      'B2',
      'a1',
    ]);
  });
  it('is byte-identical for the same input and round-trips through csv-parse', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryRecord, { maxLength: 30 }),
        fc.constantFrom(',' as const, ';' as const),
        (records, delimiter) => {
          const first = plan(records, delimiter);
          const second = plan(structuredClone(records), delimiter);
          expect(second.file.text).toBe(first.file.text);
          expect(second.file.sha256).toBe(first.file.sha256);
          const reference = [defaultPlanOptions.header, ...first.rows.map(rowValues)]
            .map((values) => referenceLine(values, delimiter))
            .join('');
          expect(first.file.text).toBe(reference);
          expect(Buffer.from(first.file.bytes).toString('utf8')).toBe(reference);
          const parsed: string[][] = parse(first.file.text, { delimiter });
          expect(parsed).toEqual([[...defaultPlanOptions.header], ...first.rows.map(rowValues)]);
          const previous = parsePreviousFile(first.file.text);
          expect(previous.ok && previous.rows).toEqual(first.rows);
        },
      ),
      { numRuns: 200, seed },
    );
  });
  it(`puts rows in id order whatever order the employees arrive in (seed ${seed})`, () => {
    const id = fc
      .array(
        fc.oneof(
          fc.stringMatching(/^[0-9]{1,22}$/),
          fc.constantFrom('A', 'a', 'B', 'Z', '-', '.', '_', 'é', 'ß', '\u0661', '\u{1F600}'),
        ),
        { minLength: 1, maxLength: 5 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc
          .uniqueArray(id, { minLength: 1, maxLength: 40 })
          .chain((ids) =>
            fc.tuple(
              fc.constant(ids),
              fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }),
            ),
          ),
        ([ids, shuffled]) => {
          const rowsOf = (order: ReadonlyArray<string>) =>
            plan(order.map((employeeNumber) => employee({ employeeNumber }))).rows.map(
              (row) => row.uniqueId,
            );
          expect(rowsOf(shuffled)).toEqual([...ids].sort(referenceCompare));
          expect(rowsOf([...shuffled].reverse())).toEqual([...ids].sort(referenceCompare));
        },
      ),
      { numRuns: 300, seed },
    );
  });
});
