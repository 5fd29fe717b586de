import { columnKeys, type ColumnKey, type UserRow } from './columns.js';
import type { ChangeCounts } from './report.js';
import { compareUniqueIds } from './sort.js';

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

const kindOf = (
  previous: UserRow | undefined,
  next: UserRow,
  fields: ReadonlyArray<ColumnKey>,
): ChangeKind => {
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

const strictlySorted = (rows: ReadonlyArray<UserRow>): boolean => {
  for (let index = 1; index < rows.length; index += 1) {
    const before = rows[index - 1];
    const row = rows[index];
    if (
      before === undefined ||
      row === undefined ||
      compareUniqueIds(before.uniqueId, row.uniqueId) >= 0
    )
      return false;
  }
  return true;
};

interface Matches {
  /** The row of the last file with the same uniqueId as each new row, if any. */
  readonly olds: ReadonlyArray<UserRow | undefined>;
  /** Ids only in the last file, in its order. */
  readonly droppedIds: ReadonlyArray<string>;
}

/** Any two files: by uniqueId through a hash map (the last row wins for an id given twice). */
const matchByHash = (previous: ReadonlyArray<UserRow>, next: ReadonlyArray<UserRow>): Matches => {
  const before = new Map<string, UserRow>();
  for (const row of previous) before.set(row.uniqueId, row);
  const nextIds = new Set<string>();
  for (const row of next) nextIds.add(row.uniqueId);
  return {
    olds: next.map((row) => before.get(row.uniqueId)),
    droppedIds: previous.map((row) => row.uniqueId).filter((id) => !nextIds.has(id)),
  };
};

/**
 * Two files in uniqueId order, no id twice (what sync360 writes and reads back): one merge pass,
 * which gives the same matches as the hash map without hashing 200,000 ids.
 */
const matchSorted = (previous: ReadonlyArray<UserRow>, next: ReadonlyArray<UserRow>): Matches => {
  const olds: Array<UserRow | undefined> = [];
  const droppedIds: string[] = [];
  let cursor = 0;
  for (const row of next) {
    let old = previous[cursor];
    while (old !== undefined && compareUniqueIds(old.uniqueId, row.uniqueId) < 0) {
      droppedIds.push(old.uniqueId);
      cursor += 1;
      old = previous[cursor];
    }
    if (old !== undefined && old.uniqueId === row.uniqueId) {
      olds.push(old);
      cursor += 1;
    } else {
      olds.push(undefined);
    }
  }
  for (const old of previous.slice(cursor)) droppedIds.push(old.uniqueId);
  return { olds, droppedIds };
};

/** SPEC §6: each id of the new file falls in exactly one category, first match wins. */
export const diffFiles = (
  previous: ReadonlyArray<UserRow>,
  next: ReadonlyArray<UserRow>,
): FileDiff => {
  const { olds, droppedIds } =
    strictlySorted(previous) && strictlySorted(next)
      ? matchSorted(previous, next)
      : matchByHash(previous, next);
  const counts = {
    created: 0,
    updated: 0,
    deactivated: 0,
    reactivated: 0,
    dropped: droppedIds.length,
    unchanged: 0,
  };
  const changes = next.map((row, index): RowChange => {
    const old = olds[index];
    const fields = old === undefined ? noFields : changedFields(old, row);
    const kind = kindOf(old, row, fields);
    counts[kind] += 1;
    return { uniqueId: row.uniqueId, kind, fields };
  });
  let previouslyActive = 0;
  for (const row of previous) if (row.status === 'Active') previouslyActive += 1;
  return { changes, droppedIds, counts, previouslyActive, previousRows: previous.length };
};
