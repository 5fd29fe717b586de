import { describe, expect, it } from 'vitest';
import { managerReadsFor } from '../src/index.js';
import { account, groupId, plan, row } from './helpers.js';

describe('planApi360: managers', () => {
  const boss = account('b', 'B');
  const emp = account('e', 'E');

  it('adds the manager of a created user, also a manager created in the same run', () => {
    const rows = [row('B'), row('E', { managerId: 'B' }), row('N'), row('M', { managerId: 'N' })];
    const result = plan(rows, [boss], { baselineRows: null });
    const managerOps = result.operations.filter((op) => op.operation.endsWith('manager'));
    expect(managerOps).toEqual([
      {
        operation: 'add-manager',
        uniqueId: 'E',
        userId: null,
        managerId: boss.id,
        managerUniqueId: 'B',
      },
      {
        operation: 'add-manager',
        uniqueId: 'M',
        userId: null,
        managerId: null,
        managerUniqueId: 'N',
      },
    ]);
    expect(result.operations.findIndex((op) => op.operation === 'add-manager')).toBeGreaterThan(
      result.operations.findLastIndex((op) => op.operation === 'create'),
    );
  });

  it('makes the managers exactly the one of the file when managerId changed', () => {
    const other = account('o', 'O');
    const rows = [row('B'), row('O'), row('E', { managerId: 'B' })];
    const input = { baselineRows: [row('B'), row('O'), row('E', { managerId: 'O' })] };
    expect(
      managerReadsFor({
        rows,
        users: [boss, other, emp],
        options: { defaultGroupId: groupId, activateUsers: false },
        ...input,
      }),
    ).toEqual([emp.id]);
    const result = plan(rows, [boss, other, emp], {
      ...input,
      managers: new Map([[emp.id, [other.id, 'f'.repeat(24)]]]),
    });
    expect(result.operations).toEqual([
      {
        operation: 'add-manager',
        uniqueId: 'E',
        userId: emp.id,
        managerId: boss.id,
        managerUniqueId: 'B',
      },
      {
        operation: 'remove-manager',
        uniqueId: 'E',
        userId: emp.id,
        managerId: other.id,
        managerUniqueId: 'O',
      },
      {
        operation: 'remove-manager',
        uniqueId: 'E',
        userId: emp.id,
        managerId: 'f'.repeat(24),
        managerUniqueId: null,
      },
    ]);
  });

  it('leaves managers alone when nothing about them changed since the last delivery', () => {
    const rows = [row('B'), row('E', { managerId: 'B' })];
    expect(plan(rows, [boss, emp]).operations).toEqual([]);
    const noBaseline = plan(rows, [boss, emp], {
      baselineRows: null,
      managers: new Map([[emp.id, [boss.id]]]),
    });
    expect(noBaseline.operations).toEqual([]);
    expect(
      managerReadsFor({
        rows,
        users: [boss, emp],
        baselineRows: null,
        options: { defaultGroupId: groupId, activateUsers: false },
      }),
    ).toEqual([emp.id]);
  });

  it('warns manager-not-in-360 for a manager that is Inactive or not in the file', () => {
    const rows = [
      row('B', { status: 'Inactive' }),
      row('E', { managerId: 'B' }),
      row('F', { managerId: 'Z' }),
    ];
    const result = plan(rows, [boss], { baselineRows: null });
    expect(result.operations.filter((op) => op.operation.endsWith('manager'))).toEqual([]);
    expect(result.warnings.map((w) => [w.uniqueId, w.code])).toEqual([
      ['E', 'manager-not-in-360'],
      ['F', 'manager-not-in-360'],
    ]);
  });
});

describe('planApi360: a manager restored in this run', () => {
  it("sets the manager of an employee unchanged since the baseline, once the manager's deleted account is restored", () => {
    const deletedBoss = account('b', 'B', { status: 'deleted' });
    const emp = account('e', 'E');
    const rows = [row('B'), row('E', { managerId: 'B' })];
    // The baseline equals the file: only the manager's restore makes E's manager link needed.
    const result = plan(rows, [deletedBoss, emp], {
      managers: new Map([[emp.id, []]]),
    });
    expect(result.operations.map((op) => [op.operation, op.uniqueId])).toEqual([
      ['restore', 'B'],
      ['add-manager', 'E'],
    ]);
    expect(result.operations[1]).toEqual({
      operation: 'add-manager',
      uniqueId: 'E',
      userId: emp.id,
      // Unknown until the restore answers: the delivery takes it from there.
      managerId: null,
      managerUniqueId: 'B',
    });
    expect(
      managerReadsFor({
        rows,
        users: [deletedBoss, emp],
        baselineRows: rows,
        options: { defaultGroupId: groupId, activateUsers: false },
      }),
    ).toEqual([emp.id]);
  });
});
