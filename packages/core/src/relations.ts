import type { EmployeeRecord } from './employee.js';
import { normalizeText, uniqueIdOf } from './field-rules.js';
import type { UniqueIdStrategy } from './options.js';
import { problem, type Problem, type Subject } from './problems.js';
import type { UserStatus } from './user-file.js';

// Rules between employees: managers (rule 8) and duplicates (rules 3 and 5).

export interface ManagerLink {
  readonly managerId: string;
  /** The manager's record when the link holds, to check later that the manager is exported. */
  readonly manager: EmployeeRecord | null;
  readonly problems: Problem[];
}

const unlinked = (subject: Subject, code: Problem['code'], message: string): ManagerLink => ({
  managerId: '',
  manager: null,
  problems: [problem(subject, code, 'managerId', message)],
});

/**
 * Rule 8, but for "known but not exported", which needs the final export set. The manager is
 * looked up by Lucca id among every user read; the employee is their own manager when the ids
 * match or when the manager's record carries the employee's own unique id.
 */
export const linkManager = (
  subject: Subject,
  record: EmployeeRecord,
  ownUniqueId: string | null,
  everyone: ReadonlyMap<string, EmployeeRecord>,
  strategy: UniqueIdStrategy,
): ManagerLink => {
  const managerLuccaId = normalizeText(record.managerLuccaId);
  if (managerLuccaId === '') return { managerId: '', manager: null, problems: [] };
  const self = 'The employee is set as their own manager: set the right manager in Lucca.';
  if (managerLuccaId === subject.luccaId) return unlinked(subject, 'manager-self', self);
  const manager = everyone.get(managerLuccaId);
  if (manager === undefined)
    return unlinked(
      subject,
      'manager-not-found',
      `Manager (Lucca id ${managerLuccaId}) is not among the users read: managerId left empty; check the manager in Lucca or the API key's rights.`,
    );
  const managerId = uniqueIdOf(manager, strategy);
  if (managerId === null)
    return unlinked(
      subject,
      'manager-without-number',
      `Manager ${normalizeText(manager.firstName)} ${normalizeText(manager.lastName)} (Lucca id ${managerLuccaId}) has no employee number: managerId left empty; add the number in Lucca.`,
    );
  if (managerId === ownUniqueId) return unlinked(subject, 'manager-self', self);
  return { managerId, manager, problems: [] };
};

export const managerNotExported = (subject: Subject, managerId: string): Problem =>
  problem(
    subject,
    'manager-not-exported',
    'managerId',
    `Manager ${managerId} is not in the file (no status, an error, or outside the exported entities): 360 may not link them; set the manager's 360 status.`,
  );

export interface DuplicateCandidate extends Subject {
  readonly uniqueId: string;
  readonly email: string;
  readonly status: UserStatus;
}

const groupsOf = <T>(items: ReadonlyArray<T>, key: (item: T) => string): T[][] => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return [...groups.values()].filter((group) => group.length > 1);
};

/**
 * Rules 3 and 5, among employees that have a status and no other error: the employees left out
 * of the file, each with the problem saying why. A shared number excludes everyone sharing it; a
 * shared email excludes everyone unless exactly one of them is Active (a rehire), who is kept.
 */
export const duplicateExclusions = <T extends DuplicateCandidate>(
  candidates: ReadonlyArray<T>,
): Map<T, Problem> => {
  const excluded = new Map<T, Problem>();
  for (const group of groupsOf(candidates, (candidate) => candidate.uniqueId)) {
    const message = `Employee number ${group[0]?.uniqueId ?? ''} is used by ${group.length} employees: give each a unique number in Lucca.`;
    for (const candidate of group)
      excluded.set(candidate, problem(candidate, 'duplicate-employee-number', 'uniqueId', message));
  }
  const remaining = candidates.filter((candidate) => !excluded.has(candidate));
  for (const group of groupsOf(remaining, (candidate) => candidate.email.toLowerCase())) {
    const email = group[0]?.email.toLowerCase() ?? '';
    const active = group.filter((candidate) => candidate.status === 'Active');
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
              `Email ${email} also belongs to active employee ${keeper.uniqueId}: this inactive record is left out so the rehire is not archived.`,
            ),
      );
    }
  }
  return excluded;
};
