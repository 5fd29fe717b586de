import type { UserRow } from '../columns.js';
import type { Problem } from '../problems.js';
import { noProblems, problem, type Subject } from './problem.js';

const checkedFields = ['uniqueId', 'email', 'firstName', 'lastName', 'title', 'managerId'] as const;

/** `=`, `+`, `-` or `@` first: what a spreadsheet would run as a formula. */
const startsLikeFormula = (value: string): boolean => {
  const first = value.charCodeAt(0);
  return first === 61 || first === 43 || first === 45 || first === 64;
};

/** SPEC §4 rule 9: values a spreadsheet would run as a formula are kept but flagged. */
export const formulaWarnings = (subject: Subject, row: UserRow): ReadonlyArray<Problem> => {
  let found: Problem[] | null = null;
  for (const field of checkedFields) {
    if (!startsLikeFormula(row[field])) continue;
    found ??= [];
    found.push(
      problem(
        subject,
        'formula-like-value',
        field,
        `${field} "${row[field]}" starts like a spreadsheet formula: check it in Lucca; never open the file in a spreadsheet without care.`,
      ),
    );
  }
  return found ?? noProblems;
};
