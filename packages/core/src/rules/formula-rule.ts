import type { UserRow } from '../columns.js';
import type { Problem } from '../problems.js';
import { problem, type Subject } from './problem.js';

const checkedFields = ['uniqueId', 'email', 'firstName', 'lastName', 'title', 'managerId'] as const;

/** SPEC §4 rule 9: values a spreadsheet would run as a formula are kept but flagged. */
export const formulaWarnings = (subject: Subject, row: UserRow): Problem[] =>
  checkedFields
    .filter((field) => /^[=+\-@]/.test(row[field]))
    .map((field) =>
      problem(subject, 'formula-like-value', field, `${field} "${row[field]}" starts like a spreadsheet formula: check it in Lucca; never open the file in a spreadsheet without care.`),
    );
