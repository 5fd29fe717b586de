import type { EmployeeRecord, PlanOptions } from '@sync360/core';
import { normalizeText, uniqueIdOf } from './field-rules.js';
import { problem, type Problem, type Raise, type Subject } from './problems.js';
import type { UserRow } from './user-file.js';

// Rules between employees: managers (rule 8) and duplicates (rules 3 and 5).

export interface ManagerLink {
  readonly managerId: string;
  /** The manager's record when the link holds, to check later that the manager is exported. */
  readonly manager: EmployeeRecord | null;
}

const noManager: ManagerLink = { managerId: '', manager: null };

/**
 * Rule 8, but for "known but not exported", which needs the final export set. The manager is
 * looked up by Lucca id among every user read; the employee is their own manager when the ids
 * match or when the manager's record carries the employee's own unique id.
 */
export const linkManager = (
  employee: Subject & { readonly uniqueId: string | null },
  record: EmployeeRecord,
  everyone: ReadonlyMap<string, EmployeeRecord>,
  strategy: PlanOptions['uniqueId'],
  raise: Raise,
): ManagerLink => {
  const managerLuccaId = normalizeText(record.managerLuccaId);
  if (managerLuccaId === '') return noManager;
  const self = (): ManagerLink => {
    raise(
      'manager-self',
      'managerId',
      'The employee is set as their own manager: set the right manager in Lucca.',
    );
    return noManager;
  };
  if (managerLuccaId === employee.luccaId) return self();
  const manager = everyone.get(managerLuccaId);
  if (manager === undefined) {
    raise(
      'manager-not-found',
      'managerId',
      `Manager (Lucca id ${managerLuccaId}) is not among the users read: managerId left empty; check the manager in Lucca or the API key's rights.`,
    );
    return noManager;
  }
  const managerId = uniqueIdOf(manager, strategy);
  if (managerId === null) {
    raise(
      'manager-without-number',
      'managerId',
      `Manager ${normalizeText(manager.firstName)} ${normalizeText(manager.lastName)} (Lucca id ${managerLuccaId}) has no employee number: managerId left empty; add the number in Lucca.`,
    );
    return noManager;
  }
  if (managerId === employee.uniqueId) return self();
  return { managerId, manager };
};

export const managerNotExported = (subject: Subject, managerId: string): Problem =>
  problem(
    subject,
    'manager-not-exported',
    'managerId',
    `Manager ${managerId} is not in the file (no status, an error, or outside the exported entities): 360 may not link them; set the manager's 360 status.`,
  );

/** Groups of two or more items sharing a key, in the order the items came. */
const sharing = <T>(items: ReadonlyArray<T>, key: (item: T) => string): T[][] => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const value = key(item);
    if ((counts.get(value) ?? 0) < 2) continue;
    const group = groups.get(value);
    if (group === undefined) groups.set(value, [item]);
    else group.push(item);
  }
  return [...groups.values()];
};

/**
 * Rules 3 and 5, among employees that have a status and no other error: the employees left out
 * of the file, each with the problem saying why. A shared number excludes everyone sharing it; a
 * shared email (emails are already lowercased) excludes everyone unless exactly one of them is
 * Active (a rehire), who is kept.
 */
export const duplicateExclusions = <T extends Subject & { readonly row: UserRow }>(
  candidates: ReadonlyArray<T>,
): Map<T, Problem> => {
  const excluded = new Map<T, Problem>();
  for (const group of sharing(candidates, (candidate) => candidate.row.uniqueId)) {
    const message = `Employee number ${group[0]?.row.uniqueId ?? ''} is used by ${group.length} employees: give each a unique number in Lucca.`;
    for (const candidate of group)
      excluded.set(candidate, problem(candidate, 'duplicate-employee-number', 'uniqueId', message));
  }
  const remaining = candidates.filter((candidate) => !excluded.has(candidate));
  for (const group of sharing(remaining, (candidate) => candidate.row.email)) {
    const email = group[0]?.row.email ?? '';
    const active = group.filter((candidate) => candidate.row.status === 'Active');
    const keeper = active.length === 1 ? active[0] : undefined;
    for (const candidate of group) {
      if (candidate === keeper) continue;
      excluded.set(
        candidate,
        keeper === undefined
          ? problem(
              candidate,
              'duplicate-email',
              'email',
              `Email ${email} is shared by ${group.length} employees: give each a distinct professional email in Lucca.`,
            )
          : problem(
              candidate,
              'duplicate-email-inactive-dropped',
              'email',
              `Email ${email} also belongs to active employee ${keeper.row.uniqueId}: this inactive record is left out so the rehire is not archived.`,
            ),
      );
    }
  }
  return excluded;
};
