import { columnKeys, type ColumnKey, type UserRow } from './columns.js';
import type { ChangeCounts } from './report.js';

export type ChangeKind = 'deactivated' | 'reactivated' | 'created' | 'updated' | 'unchanged';

export interface RowChange {
  readonly uniqueId: string;
  readonly kind: ChangeKind;
  /** Columns that differ from the last delivered file (empty for new ids). */
  readonly fields: ReadonlyArray<ColumnKey>;
}

export interface FileDiff {
  readonly changes: ReadonlyArray<RowChange>;
  readonly droppedIds: ReadonlyArray<string>;
  readonly counts: ChangeCounts;
  readonly previouslyActive: number;
  readonly previousRows: number;
}

const kindOf = (previous: UserRow | undefined, next: UserRow, fields: ReadonlyArray<ColumnKey>): ChangeKind => {
  if (next.status === 'Inactive' && (previous === undefined || previous.status === 'Active')) {
    return 'deactivated';
  }
  if (previous === undefined) return 'created';
  if (previous.status === 'Inactive' && next.status === 'Active') return 'reactivated';
  return fields.length > 0 ? 'updated' : 'unchanged';
};

const noFields: ReadonlyArray<ColumnKey> = [];

const changedFields = (old: UserRow, row: UserRow): ReadonlyArray<ColumnKey> => {
  let fields: ColumnKey[] | null = null;
  for (const key of columnKeys) {
    if (old[key] === row[key]) continue;
    fields ??= [];
    fields.push(key);
  }
  return fields ?? noFields;
};

/** SPEC §6: each id of the new file falls in exactly one category, first match wins. */
export const diffFiles = (previous: ReadonlyArray<UserRow>, next: ReadonlyArray<UserRow>): FileDiff => {
  const before = new Map<string, UserRow>();
  let previouslyActive = 0;
  for (const row of previous) {
    before.set(row.uniqueId, row);
    if (row.status === 'Active') previouslyActive += 1;
  }
  const nextIds = new Set<string>();
  for (const row of next) nextIds.add(row.uniqueId);
  const counts = { created: 0, updated: 0, deactivated: 0, reactivated: 0, dropped: 0, unchanged: 0 };
  const changes = next.map((row): RowChange => {
    const old = before.get(row.uniqueId);
    const fields = old === undefined ? noFields : changedFields(old, row);
    const kind = kindOf(old, row, fields);
    counts[kind] += 1;
    return { uniqueId: row.uniqueId, kind, fields };
  });
  const droppedIds = previous.map((row) => row.uniqueId).filter((id) => !nextIds.has(id));
  counts.dropped = droppedIds.length;
  return { changes, droppedIds, counts, previouslyActive, previousRows: previous.length };
};
