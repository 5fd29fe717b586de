import type { UserRow } from '@sync360/core';
import { describe, expect, it } from 'vitest';
import {
  managerReadsFor,
  planApi360,
  plannedOperations,
  guardWithDeletes,
  type Api360PlanInput,
  type Api360User,
} from '../src/index.js';
import { account, groupId, row } from './helpers.js';

const plan = (
  rows: ReadonlyArray<UserRow>,
  users: ReadonlyArray<Api360User>,
  extra: Partial<Api360PlanInput> = {},
) =>
  planApi360({
    rows,
    users,
    baselineRows: rows,
    options: { defaultGroupId: groupId, activateUsers: false },
    managers: new Map(),
    ...extra,
  });

describe('planApi360: one row against the live account', () => {
  it('creates an Active row without account, joining the default group as learner', () => {
    const result = plan([row('1', { title: '' })], []);
    expect(result.operations).toEqual([
      {
        operation: 'create',
        uniqueId: '1',
        body: {
          mail: 'person1@acme.test',
          firstName: 'First1',
          lastName: 'Last1',
          lang: 'fr',
          membership: { groupId, role: 'learner' },
        },
      },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('leaves a language 360Learning lacks unset, with a language-not-in-360 warning', () => {
    const result = plan(
      [row('1', { language: 'ar' }), row('2', { language: 'ar' })],
      [account('2', '2', { lang: 'en' })],
    );
    expect(result.operations).toHaveLength(1);
    const [create] = result.operations;
    expect(create?.operation === 'create' ? Object.keys(create.body) : []).not.toContain('lang');
    expect(result.warnings.map((w) => [w.uniqueId, w.code, w.field])).toEqual([
      ['1', 'language-not-in-360', 'language'],
      ['2', 'language-not-in-360', 'language'],
    ]);
  });

  it('patches only the fields that differ, and never clears a job for an empty title', () => {
    const live = account('1', '1', {
      firstName: 'Old',
      job: 'Boss',
      lang: 'en',
      status: 'invited',
    });
    const result = plan([row('1', { title: '' })], [live]);
    expect(result.operations).toEqual([
      {
        operation: 'update',
        uniqueId: '1',
        userId: live.id,
        patch: { firstName: 'First1', lang: 'fr' },
        before: { firstName: 'Old', lang: 'en' },
      },
    ]);
    expect(plan([row('1')], [account('1', '1')]).operations).toEqual([]);
  });

  it('restores a deleted account, then patches what differs from it', () => {
    const gone = account('1', '1', { status: 'deleted', lastName: 'Maiden' });
    const result = plan([row('1')], [gone]);
    expect(result.operations.map((op) => op.operation)).toEqual(['restore', 'update']);
    expect(result.operations[0]).toMatchObject({ userId: gone.id });
    expect(result.operations[1]).toMatchObject({ userId: null, patch: { lastName: 'Last1' } });
    expect(plan([row('1')], [account('1', '1', { status: 'deleted' })]).operations).toHaveLength(1);
  });

  it('deletes Inactive rows with an active or invited account, nothing else', () => {
    const rows = ['1', '2', '3', '4'].map((id) => row(id, { status: 'Inactive' }));
    const users = [
      account('1', '1'),
      account('2', '2', { status: 'invited' }),
      account('3', '3', { status: 'deleted' }),
    ];
    const result = plan(rows, users);
    expect(result.operations).toEqual([
      { operation: 'delete', uniqueId: '1', userId: users[0]?.id, mail: 'person1@acme.test' },
      { operation: 'delete', uniqueId: '2', userId: users[1]?.id, mail: 'person2@acme.test' },
    ]);
    expect(result.deletes).toBe(2);
    expect(result.previouslyActive).toBe(2);
  });

  it('activates created and restored users when asked', () => {
    const result = plan([row('1'), row('2')], [account('2', '2', { status: 'deleted' })], {
      options: { defaultGroupId: groupId, activateUsers: true },
    });
    expect(result.operations.map((op) => [op.uniqueId, op.operation])).toEqual([
      ['1', 'create'],
      ['1', 'activate'],
      ['2', 'restore'],
      ['2', 'activate'],
    ]);
  });
});

describe('planApi360: matching by mail', () => {
  it('matches case-insensitively, ignores accounts without mail, never touches others', () => {
    const users = [
      account('1', '1', { mail: 'PERSON1@Acme.Test', firstName: 'Other' }),
      account('2', 'x', { mail: null }),
      account('3', 'only-in-360'),
    ];
    const result = plan([row('1')], users);
    expect(result.operations).toEqual([
      expect.objectContaining({ operation: 'update', userId: users[0]?.id }),
    ]);
    const touched = result.operations.map((op) => ('userId' in op ? op.userId : null));
    expect(touched).not.toContain(users[1]?.id);
    expect(touched).not.toContain(users[2]?.id);
  });

  it('prefers the non-deleted account; two non-deleted ones make the row fail', () => {
    const deleted = account('1', '1', { status: 'deleted' });
    const live = account('2', '1', { firstName: 'Old' });
    expect(plan([row('1')], [deleted, live]).operations).toEqual([
      expect.objectContaining({ operation: 'update', userId: live.id }),
    ]);
    const twice = plan([row('1'), row('2')], [live, account('3', '1', { status: 'invited' })]);
    expect(twice.operations).toHaveLength(1);
    expect(twice.operations[0]).toMatchObject({ operation: 'create', uniqueId: '2' });
    expect(twice.conflicts).toEqual([
      expect.objectContaining({ uniqueId: '1', operation: 'update' }),
    ]);
    expect(twice.warnings).toEqual([
      expect.objectContaining({ uniqueId: '1', code: 'api360-rejected' }),
    ]);
    expect(plannedOperations(twice)).toMatchObject({ create: 1, rejected: 1 });
  });

  it("patches the old account's mail when the employee's email changed", () => {
    const old = account('1', '1');
    const result = plan([row('1', { email: 'new1@acme.test' })], [old], {
      baselineRows: [row('1')],
    });
    expect(result.operations).toEqual([
      {
        operation: 'update',
        uniqueId: '1',
        userId: old.id,
        patch: { mail: 'new1@acme.test' },
        before: { mail: 'person1@acme.test' },
      },
    ]);
  });

  it('does not take an old mail another row now uses, nor restore it', () => {
    const rows = [row('1', { email: 'new1@acme.test' }), row('2', { email: 'person1@acme.test' })];
    const takenOver = plan(rows, [account('1', '1')], { baselineRows: [row('1')] });
    expect(takenOver.operations.map((op) => [op.uniqueId, op.operation])).toEqual([
      ['1', 'create'],
      ['2', 'update'],
    ]);
    const deletedOld = plan([rows[0] ?? row('1')], [account('1', '1', { status: 'deleted' })], {
      baselineRows: [row('1')],
    });
    expect(deletedOld.operations.map((op) => op.operation)).toEqual(['create']);
  });
});

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

describe('guardWithDeletes', () => {
  const clear = { tripped: false, reasons: [], noBaseline: false, deactivationCap: 5 } as const;
  const leavers = (count: number, active: number) =>
    plan(
      [
        ...Array.from({ length: count }, (_, n) => row(`L${n}`, { status: 'Inactive' })),
        ...Array.from({ length: active }, (_, n) => row(`A${n}`)),
      ],
      [
        ...Array.from({ length: count }, (_, n) => account(`l${n}`, `L${n}`)),
        ...Array.from({ length: active }, (_, n) => account(`a${n}`, `A${n}`)),
      ],
    );

  it('trips on more planned deletes than the cap of the matched live accounts', () => {
    expect(guardWithDeletes(clear, leavers(5, 10), null)).toBe(clear);
    expect(guardWithDeletes(clear, leavers(6, 10), null)).toMatchObject({
      tripped: true,
      reasons: ['too-many-deactivations'],
    });
    expect(guardWithDeletes(clear, leavers(11, 89), null).tripped).toBe(true);
    expect(guardWithDeletes(clear, leavers(10, 90), null).tripped).toBe(false);
    expect(guardWithDeletes(clear, leavers(3, 10), 2).tripped).toBe(true);
  });
});
