import type { UserRow } from '@sync360/core';
import type { Api360Operation, Api360Warning } from './operations.js';

/** What the row plan does to each row's account. */
export type RowFate =
  /** Created, or a deleted account restored (`readId`: that account, whose managers to read). */
  | { readonly kind: 'create' | 'restore'; readonly readId: string | null }
  /** An active or invited account that stays. */
  | { readonly kind: 'keep'; readonly accountId: string }
  /** Inactive: deleted now, or already absent or deleted. */
  | { readonly kind: 'gone' }
  | { readonly kind: 'conflict' };

export interface ManagersInput {
  readonly rows: ReadonlyArray<UserRow>;
  readonly baselineRows: ReadonlyArray<UserRow> | null;
  readonly fates: ReadonlyMap<string, RowFate>;
}

export interface ManagersPlan {
  readonly operations: Api360Operation[];
  readonly warnings: Api360Warning[];
  /** Accounts whose current managers decide the operations. */
  readonly reads: string[];
}

const isCreated = (fate: RowFate | undefined): boolean =>
  fate?.kind === 'create' || fate?.kind === 'restore';

const inThreeSixty = (fate: RowFate | undefined): boolean =>
  isCreated(fate) || fate?.kind === 'keep';

/**
 * After the creates: for each Active row with a manager, the account's managers become exactly
 * that manager's account (adds first, then removals). Only rows that may have changed are
 * looked at: created or restored users, a managerId that changed since the last delivery, a
 * manager created in this run, and every row without a baseline.
 */
export const planManagers = (
  input: ManagersInput,
  current: ReadonlyMap<string, ReadonlyArray<string>>,
): ManagersPlan => {
  const plan: ManagersPlan = { operations: [], warnings: [], reads: [] };
  const rowsById = new Map(input.rows.map((row) => [row.uniqueId, row]));
  const baselineById =
    input.baselineRows === null
      ? null
      : new Map(input.baselineRows.map((row) => [row.uniqueId, row]));
  const rowOfAccount = new Map<string, string>();
  for (const [uniqueId, fate] of input.fates) {
    if (fate.kind === 'keep') rowOfAccount.set(fate.accountId, uniqueId);
    if (fate.kind === 'restore' && fate.readId !== null) rowOfAccount.set(fate.readId, uniqueId);
  }

  for (const row of input.rows) {
    const fate = input.fates.get(row.uniqueId);
    if (row.status !== 'Active' || row.managerId === '' || fate === undefined) continue;
    if (fate.kind !== 'create' && fate.kind !== 'restore' && fate.kind !== 'keep') continue;
    const managerRow = rowsById.get(row.managerId);
    const managerFate = managerRow === undefined ? undefined : input.fates.get(managerRow.uniqueId);
    const baseline = baselineById?.get(row.uniqueId);
    const needed =
      isCreated(fate) ||
      baseline === undefined ||
      baseline.managerId !== row.managerId ||
      isCreated(managerFate);
    if (!needed) continue;
    if (managerRow?.status !== 'Active' || !inThreeSixty(managerFate)) {
      plan.warnings.push({
        uniqueId: row.uniqueId,
        code: 'manager-not-in-360',
        field: 'managerId',
        message: `the manager (employee number ${row.managerId}) has no account in 360Learning that sync360 manages (not in the file, Inactive, or several accounts share the mail): the manager is not set`,
        operation: null,
        status: null,
        apiCode: null,
      });
      continue;
    }
    const managerId = managerFate?.kind === 'keep' ? managerFate.accountId : null;
    const readId = fate.kind === 'keep' ? fate.accountId : fate.readId;
    const userId = fate.kind === 'keep' ? fate.accountId : null;
    if (readId !== null) plan.reads.push(readId);
    const have = readId === null ? [] : (current.get(readId) ?? []);
    const base = { uniqueId: row.uniqueId, userId };
    if (managerId === null || !have.includes(managerId))
      plan.operations.push({
        operation: 'add-manager',
        ...base,
        managerId,
        managerUniqueId: row.managerId,
      });
    for (const id of have) {
      if (id === managerId) continue;
      plan.operations.push({
        operation: 'remove-manager',
        ...base,
        managerId: id,
        managerUniqueId: rowOfAccount.get(id) ?? null,
      });
    }
  }
  return plan;
};
