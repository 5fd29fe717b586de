import { describe, expect, it } from 'vitest';
import { codes, map } from './mapping-helpers.js';
import { employee } from './records.js';

describe('text normalisation (rule 1)', () => {
  it('keeps accents and apostrophes, turns control characters into spaces and collapses runs', () => {
    const result = map([
      employee({
        employeeNumber: ' 7 ',
        firstName: 'Ame\u0301lie\t\r\n  Zoé',
        lastName: "  L'Hôpital ",
        title: 'Chef\u0000de\u0007projet',
      }),
    ]);
    expect(result.rows[0]).toMatchObject({
      uniqueId: '7',
      firstName: 'Amélie Zoé',
      lastName: "L'Hôpital",
      title: 'Chef de projet',
    });
    expect(result.rows[0]?.firstName.normalize('NFC')).toBe(result.rows[0]?.firstName);
  });
});

describe('names and title (rule 6)', () => {
  it('requires both names but allows an empty title', () => {
    const result = map([
      employee({ employeeNumber: '1', lastName: ' ' }),
      employee({ employeeNumber: '2', title: null }),
    ]);
    expect(codes(result, '1')).toEqual(['missing-name']);
    expect(result.rows.map((row) => [row.uniqueId, row.title])).toEqual([['2', '']]);
  });
  it('keeps commas, quotes and newlines-as-spaces in names', () => {
    const result = map([employee({ firstName: 'Anne, "Nan"\nMarie' })]);
    expect(result.rows[0]?.firstName).toBe('Anne, "Nan" Marie');
  });
});

describe('formula-like values (rule 9)', () => {
  it('exports the value unchanged with one warning per field', () => {
    const result = map([
      employee({ employeeNumber: '1', firstName: '=cmd', lastName: '+1', title: '@SUM(A1)' }),
    ]);
    expect(result.rows[0]).toMatchObject({ firstName: '=cmd', lastName: '+1', title: '@SUM(A1)' });
    expect(result.problems.map((problem) => [problem.code, problem.field])).toEqual([
      ['formula-like-value', 'firstName'],
      ['formula-like-value', 'lastName'],
      ['formula-like-value', 'title'],
    ]);
  });
  it('flags a negative-looking employee number', () => {
    expect(
      map([employee({ employeeNumber: '-12' })]).problems.map((problem) => problem.field),
    ).toEqual(['uniqueId']);
  });
});
