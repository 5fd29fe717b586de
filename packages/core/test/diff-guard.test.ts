import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareUniqueIds, diffFiles, evaluateGuard, type UserRow } from '../src/index.js';

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

describe('diff (SPEC §6)', () => {
  it('puts each id in exactly one category, first match wins', () => {
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
    const diff = diffFiles(previous, next);
    expect(
      Object.fromEntries(diff.changes.map((change) => [change.uniqueId, change.kind])),
    ).toEqual({
      '1': 'deactivated',
      '2': 'reactivated',
      '3': 'updated',
      '4': 'unchanged',
      '7': 'created',
      '8': 'deactivated',
      '6': 'updated',
    });
    expect(diff.counts).toEqual({
      created: 1,
      updated: 2,
      deactivated: 2,
      reactivated: 1,
      dropped: 1,
      unchanged: 1,
    });
    expect(diff.droppedIds).toEqual(['5']);
  });
});

describe('safety guard (SPEC §6)', () => {
  const many = (count: number, status: UserRow['status'] = 'Active') =>
    Array.from({ length: count }, (_, i) => row(String(i), status));
  it('without a baseline only blocks an empty file and says no-baseline', () => {
    expect(evaluateGuard(0, null, null)).toMatchObject({
      tripped: true,
      reasons: ['no-rows'],
      noBaseline: true,
    });
    expect(evaluateGuard(3, null, null)).toMatchObject({
      tripped: false,
      reasons: [],
      noBaseline: true,
    });
  });
  it('caps deactivations at max(5, 10% of previously Active) unless configured', () => {
    const previous = many(100);
    const deactivate = (count: number) =>
      previous.map((r, i) => (i < count ? { ...r, status: 'Inactive' as const } : r));
    expect(evaluateGuard(100, diffFiles(previous, deactivate(10)), null).tripped).toBe(false);
    expect(evaluateGuard(100, diffFiles(previous, deactivate(11)), null)).toMatchObject({
      tripped: true,
      reasons: ['too-many-deactivations'],
      deactivationCap: 10,
    });
    expect(evaluateGuard(100, diffFiles(previous, deactivate(3)), 2).reasons).toEqual([
      'too-many-deactivations',
    ]);
    const small = many(20);
    expect(
      evaluateGuard(
        20,
        diffFiles(
          small,
          small.map((r, i) => (i < 5 ? { ...r, status: 'Inactive' as const } : r)),
        ),
        null,
      ).tripped,
    ).toBe(false);
  });
  it('blocks when the file shrinks below half', () => {
    const previous = many(10);
    expect(evaluateGuard(5, diffFiles(previous, previous.slice(0, 5)), null).tripped).toBe(false);
    expect(evaluateGuard(4, diffFiles(previous, previous.slice(0, 4)), null).reasons).toEqual([
      'too-few-rows',
    ]);
  });
});

describe('diff paths', () => {
  const arbitraryRow = fc.record({
    uniqueId: fc.stringMatching(/^[A-C]?[0-9]{1,3}$/),
    status: fc.constantFrom<UserRow['status']>('Active', 'Inactive'),
    title: fc.constantFrom('Dev', 'Ops'),
  });
  const file = (items: Array<{ uniqueId: string; status: UserRow['status']; title: string }>) => {
    const unique = new Map(
      items.map((item) => [item.uniqueId, row(item.uniqueId, item.status, item.title)]),
    );
    return [...unique.values()].sort((a, b) => compareUniqueIds(a.uniqueId, b.uniqueId));
  };
  it('the merge of two sorted files matches the hash path taken for unsorted input', () => {
    fc.assert(
      fc.property(fc.array(arbitraryRow), fc.array(arbitraryRow), (before, after) => {
        const previous = file(before);
        const next = file(after);
        const merged = diffFiles(previous, next);
        const hashed = diffFiles([...previous].reverse(), [...next].reverse());
        expect(merged.counts).toEqual(hashed.counts);
        expect([...merged.droppedIds].sort()).toEqual([...hashed.droppedIds].sort());
        const byId = (diff: typeof merged) =>
          new Map(diff.changes.map((change) => [change.uniqueId, change]));
        expect(byId(merged)).toEqual(byId(hashed));
      }),
      { numRuns: 300 },
    );
  });
});
