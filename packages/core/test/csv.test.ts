import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { employee } from './records.js';
import {
  buildPlan,
  compareUniqueIds,
  defaultPlanOptions,
  parsePreviousFile,
  rowValues,
  type EmployeeRecord,
} from '../src/index.js';

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

describe('CSV file (SPEC §4)', () => {
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
          const reference = stringify(
            [[...defaultPlanOptions.header], ...first.rows.map(rowValues)],
            {
              delimiter,
              record_delimiter: '\n',
            },
          );
          expect(first.file.text).toBe(reference);
          const parsed: string[][] = parse(first.file.text, { delimiter });
          expect(parsed).toEqual([[...defaultPlanOptions.header], ...first.rows.map(rowValues)]);
          const previous = parsePreviousFile(first.file.text);
          expect(previous.ok && previous.rows).toEqual(first.rows);
        },
      ),
      { numRuns: 200 },
    );
  });
});
