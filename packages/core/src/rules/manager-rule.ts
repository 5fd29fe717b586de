import type { EmployeeRecord } from '../employee.js';
import type { UniqueIdStrategy } from '../options.js';
import type { Problem } from '../problems.js';
import { normalizeText } from '../text.js';
import { uniqueIdOf } from './employee-number.js';
import { noProblems, problem, type Subject } from './problem.js';

export interface ManagerLink {
  readonly managerId: string;
  /** The manager's record, when the id points at one that has a number (for rule 8's last case). */
  readonly manager: EmployeeRecord | null;
  readonly problems: ReadonlyArray<Problem>;
}

const self = (subject: Subject): ManagerLink => ({
  managerId: '',
  manager: null,
  problems: [
    problem(
      subject,
      'manager-self',
      'managerId',
      'The employee is set as their own manager: set the right manager in Lucca.',
    ),
  ],
});

/** SPEC §4 rule 8, except "known but not exported", which needs the final export set. */
export const linkManager = (
  subject: Subject,
  record: EmployeeRecord,
  ownUniqueId: string | null,
  everyone: ReadonlyMap<string, EmployeeRecord>,
  strategy: UniqueIdStrategy,
): ManagerLink => {
  const managerLuccaId = normalizeText(record.managerLuccaId);
  if (managerLuccaId === '') return { managerId: '', manager: null, problems: noProblems };
  if (record.luccaId !== null && managerLuccaId === normalizeText(record.luccaId))
    return self(subject);
  const manager = everyone.get(managerLuccaId);
  if (manager === undefined) {
    return {
      managerId: '',
      manager: null,
      problems: [
        problem(
          subject,
          'manager-not-found',
          'managerId',
          `Manager (Lucca id ${managerLuccaId}) is not among the users read: managerId left empty; check the manager in Lucca or the API key's rights.`,
        ),
      ],
    };
  }
  const managerId = uniqueIdOf(manager, strategy);
  if (managerId === null) {
    return {
      managerId: '',
      manager: null,
      problems: [
        problem(
          subject,
          'manager-without-number',
          'managerId',
          `Manager ${normalizeText(manager.firstName)} ${normalizeText(manager.lastName)} (Lucca id ${managerLuccaId}) has no employee number: managerId left empty; add the number in Lucca.`,
        ),
      ],
    };
  }
  if (ownUniqueId !== null && managerId === ownUniqueId) return self(subject);
  return { managerId, manager, problems: noProblems };
};

export const managerNotExported = (subject: Subject, managerId: string): Problem =>
  problem(
    subject,
    'manager-not-exported',
    'managerId',
    `Manager ${managerId} is not in the file (no status, an error, or outside the exported entities): 360 may not link them; set the manager's 360 status.`,
  );
