import { describe, expect, it } from 'vitest';
import { codes, map } from './mapping-helpers.js';
import { employee } from './records.js';

describe('manager (rule 8)', () => {
  it('links managers through the chain, including former employees and users without status', () => {
    const former = employee({ employeeNumber: '1', statusLabel: null, contractEnd: '2020-01-01' });
    const middle = employee({ employeeNumber: '2', managerLuccaId: former.luccaId });
    const report = employee({ employeeNumber: '3', managerLuccaId: middle.luccaId });
    const result = map([former, middle, report]);
    expect(result.rows.map((row) => [row.uniqueId, row.managerId])).toEqual([
      ['2', '1'],
      ['3', '2'],
    ]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        employeeNumber: '2',
        code: 'manager-not-exported',
        severity: 'warning',
      }),
    ]);
  });
  it('handles unknown managers, managers without number and self-managers', () => {
    const nameless = employee({ employeeNumber: null, statusLabel: null });
    const self = employee({ employeeNumber: '3' });
    const result = map([
      nameless,
      employee({ employeeNumber: '1', managerLuccaId: '424242' }),
      employee({ employeeNumber: '2', managerLuccaId: nameless.luccaId }),
      { ...self, managerLuccaId: self.luccaId },
    ]);
    expect(result.rows.map((row) => row.managerId)).toEqual(['', '', '']);
    expect([codes(result, '1'), codes(result, '2'), codes(result, '3')]).toEqual([
      ['manager-not-found'],
      ['manager-without-number'],
      ['manager-self'],
    ]);
  });
  it('looks managers up outside the exported legal entities', () => {
    const boss = employee({ employeeNumber: '1', legalEntityId: '9' });
    const result = map([boss, employee({ employeeNumber: '2', managerLuccaId: boss.luccaId })], {
      legalEntities: ['1'],
    });
    expect(result.rows.map((row) => [row.uniqueId, row.managerId])).toEqual([['2', '1']]);
    expect(codes(result, '2')).toEqual(['manager-not-exported']);
    expect(codes(result, '1')).toEqual([]);
  });
});

describe('manager sharing the employee number (rule 8)', () => {
  it('is manager-self even under another Lucca id', () => {
    const former = employee({ employeeNumber: '77', statusLabel: null, contractEnd: '2020-01-01' });
    const rehire = employee({ employeeNumber: '77', managerLuccaId: former.luccaId });
    const result = map([former, rehire]);
    expect(result.rows.map((row) => [row.uniqueId, row.managerId])).toEqual([['77', '']]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        luccaId: rehire.luccaId,
        code: 'manager-self',
        severity: 'warning',
        field: 'managerId',
      }),
    ]);
  });
});

describe('a self-managed employee without an employee number (rule 8)', () => {
  it('is manager-self, not manager-without-number: the manager is the employee, not another person', () => {
    const nameless = employee({ employeeNumber: null });
    const result = map([{ ...nameless, managerLuccaId: nameless.luccaId }]);
    const own = result.problems.filter((problem) => problem.luccaId === nameless.luccaId);
    expect(own.map((problem) => problem.code)).toContain('manager-self');
    expect(own.map((problem) => problem.code)).not.toContain('manager-without-number');
    expect(own.find((problem) => problem.code === 'manager-self')).toMatchObject({
      severity: 'warning',
      field: 'managerId',
    });
  });
});
