import type { EmployeeRecord } from './employee.js';
import { normalizeText, uniqueIdOf } from './field-rules.js';
import type { UniqueIdStrategy } from './options.js';
import { problem, type Problem, type Raise, type Subject } from './problems.js';
import type { UserRow } from './user-file.js';

// Rules between employees: managers (rule 8) and duplicates (rules 3 and 5).

export interface ManagerLink {
  readonly managerId: string;
  /** The manager's record when the link holds, to check later that the manager is exported. */
  readonly manager: EmployeeRecord | null;
}

const noManager: ManagerLink = { managerId: '', manager: null };

const managerSelf = (raise: Raise): ManagerLink => {
  raise(
    'manager-self',
    'managerId',
    'The employee is set as their own manager: set the right manager in Lucca.',
  );
  return noManager;
};

/**
 * Rule 8, but for "known but not exported", which needs the final export set. The manager is
 * looked up by Lucca id among every user read; the employee is their own manager when the ids
 * match or when the manager's record carries the employee's own unique id.
 */
export const linkManager = (
  employee: Subject & { readonly uniqueId: string | null },
  record: EmployeeRecord,
  everyone: ReadonlyMap<string, EmployeeRecord>,
  strategy: UniqueIdStrategy,
  raise: Raise,
): ManagerLink => {
  const managerLuccaId = normalizeText(record.managerLuccaId);
  if (managerLuccaId === '') return noManager;
  if (managerLuccaId === employee.luccaId) return managerSelf(raise);
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
  if (managerId === employee.uniqueId) return managerSelf(raise);
  return { managerId, manager };
};

export const managerNotExported = (subject: Subject, managerId: string): Problem =>
  problem(
    subject,
    'manager-not-exported',
    'managerId',
    `Manager ${managerId} is not in the file (no status, an error, or outside the exported entities): 360 may not link them; set the manager's 360 status.`,
  );

/** Groups of two or more items sharing a key, each in the order its items came. */
const sharing = <T>(items: ReadonlyArray<T>, key: (item: T) => string): T[][] => {
  const firstOf = new Map<string, T>();
  const groupOf = new Map<string, T[]>();
  for (const item of items) {
    const value = key(item);
    const first = firstOf.get(value);
    if (first === undefined) firstOf.set(value, item);
    else {
      const group = groupOf.get(value);
      if (group === undefined) groupOf.set(value, [first, item]);
      else group.push(item);
    }
  }
  return [...groupOf.values()];
};

/** Runs of two or more neighbours sharing a key, for items already in the order of that key. */
const neighboursSharing = <T>(items: ReadonlyArray<T>, key: (item: T) => string): T[][] => {
  const groups: T[][] = [];
  let start = 0;
  for (let index = 1; index <= items.length; index += 1) {
    const first = items[start];
    const item = items[index];
    if (first !== undefined && item !== undefined && key(item) === key(first)) continue;
    if (index - start > 1) groups.push(items.slice(start, index));
    start = index;
  }
  return groups;
};

/**
 * Rules 3 and 5, among employees that have a status and no other error, given in file order (so
 * those sharing a number are neighbours): the employees left out of the file, each with the
 * problem saying why. A shared number excludes everyone sharing it; a
 * shared email (emails are already lowercased) excludes everyone unless exactly one of them is
 * Active (a rehire), who is kept.
 */
export const duplicateExclusions = <T extends Subject & { readonly row: UserRow }>(
  candidates: ReadonlyArray<T>,
): Map<T, Problem> => {
  const excluded = new Map<T, Problem>();
  for (const group of neighboursSharing(candidates, (candidate) => candidate.row.uniqueId)) {
    const message = `Employee number ${group[0]?.row.uniqueId ?? ''} is used by ${group.length} employees: give each a unique number in Lucca.`;
    for (const candidate of group)
      excluded.set(candidate, problem(candidate, 'duplicate-employee-number', 'uniqueId', message));
  }
  const remaining =
    excluded.size === 0 ? candidates : candidates.filter((candidate) => !excluded.has(candidate));
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
