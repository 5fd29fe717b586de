import type { UserStatus } from '../columns.js';
import type { Problem } from '../problems.js';
import { problem, type Subject } from './problem.js';

export interface DuplicateCandidate extends Subject {
  readonly uniqueId: string;
  readonly email: string;
  readonly status: UserStatus;
}

/** Groups of two or more items sharing a key; a key seen once costs no array. */
const duplicateGroups = <T extends object>(
  items: ReadonlyArray<T>,
  key: (item: T) => string,
): Map<string, T[]> => {
  const first = new Map<string, T>();
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const value = key(item);
    const group = groups.get(value);
    if (group !== undefined) {
      group.push(item);
      continue;
    }
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, item);
    else groups.set(value, [earlier, item]);
  }
  return groups;
};

/**
 * SPEC §4 rules 3 and 5, run last among employees that have a status and no other error:
 * duplicate numbers exclude everyone sharing them; duplicate emails keep a lone Active (a rehire).
 */
export const duplicateProblems = <T extends DuplicateCandidate>(
  candidates: ReadonlyArray<T>,
): Map<T, Problem> => {
  const found = new Map<T, Problem>();
  for (const [uniqueId, group] of duplicateGroups(candidates, (candidate) => candidate.uniqueId)) {
    if (group.length < 2) continue;
    for (const candidate of group) {
      found.set(
        candidate,
        problem(
          candidate,
          'duplicate-employee-number',
          'uniqueId',
          `Employee number ${uniqueId} is used by ${group.length} employees: give each a unique number in Lucca.`,
        ),
      );
    }
  }
  const remaining = candidates.filter((candidate) => !found.has(candidate));
  for (const [email, group] of duplicateGroups(remaining, (candidate) =>
    candidate.email.toLowerCase(),
  )) {
    if (group.length < 2) continue;
    const active = group.filter((candidate) => candidate.status === 'Active');
    const [keeper] = active;
    for (const candidate of group) {
      if (active.length === 1 && keeper !== undefined) {
        if (candidate === keeper) continue;
        found.set(
          candidate,
          problem(
            candidate,
            'duplicate-email-inactive-dropped',
            'email',
            `Email ${email} also belongs to active employee ${keeper.uniqueId}: this inactive record is left out so the rehire is not archived.`,
          ),
        );
      } else {
        found.set(
          candidate,
          problem(
            candidate,
            'duplicate-email',
            'email',
            `Email ${email} is shared by ${group.length} employees: give each a distinct professional email in Lucca.`,
          ),
        );
      }
    }
  }
  return found;
};
