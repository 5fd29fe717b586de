import { describe, expect, it } from 'vitest';
import { compareFiles } from '../src/diff.js';
import { buildPlan, defaultPlanOptions, type EmployeeRecord, type UserRow } from '../src/index.js';
import { employee } from './records.js';

const row = (uniqueId: string, status: UserRow['status'] = 'Active', title = 'Dev'): UserRow => ({
  uniqueId,
  email: `${uniqueId}@x.fr`,
  firstName: 'A',
  lastName: 'B',
  title,
  language: 'fr',
  managerId: '',
  status,
});

const many = (count: number, status: UserRow['status'] = 'Active', from = 0) =>
  Array.from({ length: count }, (_, i) => row(String(from + i), status));

const deactivate = (rows: UserRow[], count: number) =>
  rows.map((r, i) => (i < count ? { ...r, status: 'Inactive' as const } : r));

describe('diff', () => {
  it('puts each id in exactly one category, first match wins, and lists changes in id order', () => {
    const previous = [
      row('1'),
      row('2', 'Inactive'),
      row('3'),
      row('4'),
      row('5'),
      row('6', 'Inactive'),
    ];
    const next = [
      row('1', 'Inactive', 'Other'),
      row('2', 'Active'),
      row('3', 'Active', 'Boss'),
      row('4'),
      row('7'),
      row('8', 'Inactive'),
      row('6', 'Inactive', 'X'),
    ];
    const { changes, changeList } = compareFiles(previous, next, null, new Map([['7', 'L7']]));
    expect(changes).toEqual({
      created: 1,
      updated: 2,
      deactivated: 2,
      reactivated: 1,
      dropped: 1,
      unchanged: 1,
    });
    expect(changeList).toEqual([
      { uniqueId: '1', luccaId: null, kind: 'deactivated', fields: ['title', 'status'] },
      { uniqueId: '2', luccaId: null, kind: 'reactivated', fields: ['status'] },
      { uniqueId: '3', luccaId: null, kind: 'updated', fields: ['title'] },
      { uniqueId: '5', luccaId: null, kind: 'dropped', fields: [] },
      { uniqueId: '6', luccaId: null, kind: 'updated', fields: ['title'] },
      { uniqueId: '7', luccaId: 'L7', kind: 'created', fields: [] },
      { uniqueId: '8', luccaId: null, kind: 'deactivated', fields: [] },
    ]);
  });
  it('without a previous file has no counts, and lists every row as created or deactivated', () => {
    const { changes, changeList } = compareFiles(
      null,
      [row('10'), row('9', 'Inactive'), row('A1')],
      null,
    );
    expect(changes).toBeNull();
    expect(changeList.map((change) => [change.uniqueId, change.kind, change.fields])).toEqual([
      ['9', 'deactivated', []],
      ['10', 'created', []],
      ['A1', 'created', []],
    ]);
  });
});

describe('safety guard', () => {
  it('blocks an empty file, with or without a baseline', () => {
    expect(compareFiles(null, [], null).guard).toMatchObject({
      tripped: true,
      reasons: ['no-rows'],
      noBaseline: true,
    });
    expect(compareFiles(null, many(3), null).guard).toMatchObject({
      tripped: false,
      reasons: [],
      noBaseline: true,
    });
    expect(compareFiles(many(3), [], null).guard.reasons).toContain('no-rows');
  });
  it('caps deactivations at max(5, 10% of previously Active) unless configured', () => {
    const previous = many(100);
    expect(compareFiles(previous, deactivate(previous, 10), null).guard.tripped).toBe(false);
    expect(compareFiles(previous, deactivate(previous, 11), null).guard).toMatchObject({
      tripped: true,
      reasons: ['too-many-deactivations'],
      deactivationCap: 10,
    });
    expect(compareFiles(previous, deactivate(previous, 3), 2).guard.reasons).toEqual([
      'too-many-deactivations',
    ]);
    const small = many(20);
    expect(compareFiles(small, deactivate(small, 5), null).guard.tripped).toBe(false);
    expect(compareFiles(small, deactivate(small, 6), null).guard.tripped).toBe(true);
  });
  it("bases the cap on the previous file's Active rows, not on all its rows", () => {
    // 100 Active and 200 Inactive yesterday: the cap is 10, not 30 (10% of every row).
    const previous = [...many(100), ...many(200, 'Inactive', 1000)];
    const next = [...deactivate(many(100), 11), ...many(200, 'Inactive', 1000)];
    expect(compareFiles(previous, next, null).guard).toMatchObject({
      tripped: true,
      reasons: ['too-many-deactivations'],
      deactivationCap: 10,
    });
  });
  it("bases the cap on the previous file, not on the new file's Active rows", () => {
    // 100 Active yesterday, 100 hires today: 11 leavers still exceed 10% of yesterday's 100.
    const next = [...deactivate(many(100), 11), ...many(100, 'Active', 1000)];
    expect(compareFiles(many(100), next, null).guard.deactivationCap).toBe(10);
    expect(compareFiles(many(100), next, null).guard.tripped).toBe(true);
  });
  it('blocks when the file shrinks below half', () => {
    const previous = many(10);
    expect(compareFiles(previous, previous.slice(0, 5), null).guard.tripped).toBe(false);
    expect(compareFiles(previous, previous.slice(0, 4), null).guard.reasons).toEqual([
      'too-few-rows',
    ]);
  });
  describe('first delivery (no previous file): compared with an empty file', () => {
    it('blocks a file of mostly Inactive rows', () => {
      expect(compareFiles(null, many(1000, 'Inactive'), null).guard).toEqual({
        tripped: true,
        reasons: ['too-many-deactivations'],
        noBaseline: true,
        deactivationCap: 5,
      });
    });
    it("caps Inactive rows at 10% of the new file's Active rows (at least 5)", () => {
      const active = many(100);
      const leavers = (count: number) => many(count, 'Inactive', 1000);
      expect(compareFiles(null, [...active, ...leavers(10)], null).guard).toMatchObject({
        tripped: false,
        deactivationCap: 10,
      });
      // 111 rows: a base of every row would allow 11.
      expect(compareFiles(null, [...active, ...leavers(11)], null).guard).toMatchObject({
        tripped: true,
        reasons: ['too-many-deactivations'],
      });
      expect(compareFiles(null, [...many(3), ...leavers(5)], null).guard.tripped).toBe(false);
      expect(compareFiles(null, [...many(3), ...leavers(6)], null).guard.tripped).toBe(true);
    });
    it('uses the configured cap', () => {
      expect(
        compareFiles(null, [...many(100), ...many(3, 'Inactive', 1000)], 2).guard,
      ).toMatchObject({ tripped: true, deactivationCap: 2 });
      expect(compareFiles(null, many(50, 'Inactive'), 50).guard.tripped).toBe(false);
    });
  });
});

describe('plan', () => {
  const planOf = (records: EmployeeRecord[], previousRows: ReadonlyArray<UserRow> | null) =>
    buildPlan({ records, previousRows, today: '2026-11-25', options: defaultPlanOptions });
  it("names each change's Lucca id, a dropped row's too when its employee is still read", () => {
    const kept = employee({ employeeNumber: '1', luccaId: '501' });
    const broken = employee({ employeeNumber: '2', luccaId: '502' });
    const twin = employee({ employeeNumber: '4', luccaId: '504', email: null });
    const previous = planOf(
      [
        { ...kept, title: 'Old' },
        broken,
        employee({ employeeNumber: '3', luccaId: '503' }),
        employee({ employeeNumber: '4', luccaId: '504' }),
      ],
      null,
    ).rows;
    const plan = planOf(
      [kept, { ...broken, email: null }, twin, { ...twin, luccaId: '505' }],
      previous,
    );
    expect(plan.changeList).toEqual([
      { uniqueId: '1', luccaId: '501', kind: 'updated', fields: ['title'] },
      { uniqueId: '2', luccaId: '502', kind: 'dropped', fields: [] },
      { uniqueId: '3', luccaId: null, kind: 'dropped', fields: [] },
      // Two employees hold number 4: no single Lucca id to name.
      { uniqueId: '4', luccaId: null, kind: 'dropped', fields: [] },
    ]);
    expect(plan.changes).toMatchObject({ updated: 1, dropped: 3, unchanged: 0 });
  });
  it('guards a first delivery and still lists who is affected', () => {
    const records = Array.from({ length: 12 }, (_, i) =>
      employee({ employeeNumber: String(i + 1), statusLabel: i < 6 ? 'Inactif' : 'Actif' }),
    );
    const plan = planOf(records, null);
    expect(plan.changes).toBeNull();
    expect(plan.guard).toMatchObject({ tripped: true, noBaseline: true, deactivationCap: 5 });
    expect(plan.changeList.map((change) => [change.uniqueId, change.kind])).toEqual(
      records.map((record, i) => [record.employeeNumber, i < 6 ? 'deactivated' : 'created']),
    );
    expect(plan.changeList[0]?.luccaId).toBe(records[0]?.luccaId);
  });
  it('counts rows, errors and warnings from the employees, not from the problem list', () => {
    const plan = planOf(
      [
        employee({ employeeNumber: '1' }),
        employee({ employeeNumber: '2', statusLabel: 'Inactif', culture: 9999 }),
        employee({ employeeNumber: '3', email: null, firstName: '' }),
        employee({ employeeNumber: '4', statusLabel: null, email: null }),
        employee({ employeeNumber: '5', title: '=SUM(A1)', lastName: '+1' }),
      ],
      null,
    );
    // 1 and 5 Active, 2 Inactive; 3 has two errors; 2 one warning, 5 two; 4 nothing at all.
    expect(plan.counts).toEqual({
      employees: 5,
      active: 2,
      inactive: 1,
      notExported: 2,
      errors: 2,
      warnings: 3,
    });
  });
});
