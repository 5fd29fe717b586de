import { describe, expect, it } from 'vitest';
import { codes, map } from './mapping-helpers.js';
import { employee } from './records.js';

describe('employee number (rule 3)', () => {
  it('flags a missing number as an error carrying the Lucca id', () => {
    const result = map([employee({ employeeNumber: '  ', luccaId: '99' })]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'missing-employee-number',
        employeeNumber: null,
        luccaId: '99',
        severity: 'error',
        field: 'uniqueId',
      }),
    ]);
  });
  it('excludes every employee sharing a number', () => {
    const result = map([
      employee({ employeeNumber: '42' }),
      employee({ employeeNumber: ' 42' }),
      employee({ employeeNumber: '43' }),
    ]);
    expect(result.rows.map((row) => row.uniqueId)).toEqual(['43']);
    expect(codes(result, '42')).toEqual(['duplicate-employee-number', 'duplicate-employee-number']);
  });
  it('does not count an employee with another error as a duplicate', () => {
    const result = map([
      employee({ employeeNumber: '42' }),
      employee({ employeeNumber: '42', email: null }),
    ]);
    expect(result.rows.map((row) => row.uniqueId)).toEqual(['42']);
    expect(codes(result, '42')).toEqual(['missing-email']);
  });
  it('prefixes the legal entity with the entity-employeeNumber strategy, for managers too', () => {
    const boss = employee({ employeeNumber: '1', legalEntityId: '2' });
    const result = map(
      [boss, employee({ employeeNumber: '1', legalEntityId: '3', managerLuccaId: boss.luccaId })],
      { uniqueId: 'entity-employeeNumber' },
    );
    expect(result.rows.map((row) => [row.uniqueId, row.managerId])).toEqual([
      ['2-1', ''],
      ['3-1', '2-1'],
    ]);
  });
});
