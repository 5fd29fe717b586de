import type { ChangeCounts } from '@sync360/core';
import { columnKeys, compareUniqueIds, type ColumnKey, type UserRow } from './user-file.js';

export type ChangeKind = 'created' | 'updated' | 'deactivated' | 'reactivated' | 'dropped';

/** One id whose row the new file changes; unchanged rows are only counted. */
export interface Change {
  readonly uniqueId: string;
  readonly luccaId: string | null;
  readonly kind: ChangeKind;
  /** Columns that differ from the last delivered row; empty when there is no such row. */
  readonly fields: ColumnKey[];
}

export type GuardReason = 'no-rows' | 'too-many-deactivations' | 'too-few-rows';

export interface GuardVerdict {
  readonly tripped: boolean;
  readonly reasons: ReadonlyArray<GuardReason>;
  /** True when there was no previous file to compare with (`no-baseline`). */
  readonly noBaseline: boolean;
  readonly deactivationCap: number;
}

interface Comparison {
  /** Null when there is no previous file. */
  readonly changes: ChangeCounts | null;
  /** Every changed id, dropped ones included, in uniqueId order. */
  readonly changeList: ReadonlyArray<Change>;
  readonly guard: GuardVerdict;
}

const changedFields = (old: UserRow, row: UserRow): ColumnKey[] =>
  columnKeys.filter((key) => old[key] !== row[key]);

/** Each id of the new file falls in exactly one category, first match wins. */
const kindOf = (
  old: UserRow | undefined,
  row: UserRow,
  fields: ColumnKey[],
): ChangeKind | 'unchanged' => {
  if (row.status === 'Inactive' && (old === undefined || old.status === 'Active'))
    return 'deactivated';
  if (old === undefined) return 'created';
  if (old.status === 'Inactive' && row.status === 'Active') return 'reactivated';
  return fields.length > 0 ? 'updated' : 'unchanged';
};

/** At most this many deactivations a run: the configured cap, else max(5, 10 % of the Active users). */
const deactivationCap = (maxDeactivations: number | null, previouslyActive: number): number =>
  maxDeactivations ?? Math.max(5, Math.floor(0.1 * previouslyActive));

const activeRows = (rows: ReadonlyArray<UserRow>): number =>
  rows.filter((row) => row.status === 'Active').length;

/**
 * The new file against the last delivered one (by uniqueId), and the safety guard on the result.
 * Without a previous file the new one is compared with an empty file: every Inactive row counts as
 * a deactivation and the cap's base is the new file's own Active rows, so a first file that would
 * archive most users is blocked too.
 */
export const compareFiles = (
  previous: ReadonlyArray<UserRow> | null,
  next: ReadonlyArray<UserRow>,
  maxDeactivations: number | null,
  luccaIds: ReadonlyMap<string, string | null> = new Map(),
): Comparison => {
  const before = new Map<string, UserRow>();
  for (const row of previous ?? []) before.set(row.uniqueId, row);
  const counts = {
    created: 0,
    updated: 0,
    deactivated: 0,
    reactivated: 0,
    dropped: 0,
    unchanged: 0,
  };
  const changes: Change[] = [];
  const luccaIdOf = (uniqueId: string): string | null => luccaIds.get(uniqueId) ?? null;
  for (const row of next) {
    const old = before.get(row.uniqueId);
    // What is left in `before` after this loop was dropped.
    before.delete(row.uniqueId);
    const fields = old === undefined ? [] : changedFields(old, row);
    const kind = kindOf(old, row, fields);
    counts[kind] += 1;
    if (kind !== 'unchanged')
      changes.push({ uniqueId: row.uniqueId, luccaId: luccaIdOf(row.uniqueId), kind, fields });
  }
  for (const uniqueId of before.keys()) {
    counts.dropped += 1;
    changes.push({ uniqueId, luccaId: luccaIdOf(uniqueId), kind: 'dropped', fields: [] });
  }

  const reasons: GuardReason[] = [];
  if (next.length === 0) reasons.push('no-rows');
  const cap = deactivationCap(maxDeactivations, activeRows(previous ?? next));
  if (counts.deactivated > cap) reasons.push('too-many-deactivations');
  if (previous !== null && 2 * next.length < previous.length) reasons.push('too-few-rows');
  return {
    changes: previous === null ? null : counts,
    changeList: changes.sort((a, b) => compareUniqueIds(a.uniqueId, b.uniqueId)),
    guard: {
      tripped: reasons.length > 0,
      reasons,
      noBaseline: previous === null,
      deactivationCap: cap,
    },
  };
};
