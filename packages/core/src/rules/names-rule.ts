import type { EmployeeRecord } from '../employee.js';
import type { Problem } from '../problems.js';
import { normalizeText } from '../text.js';
import { problem, type Subject } from './problem.js';

export const mapNames = (
  subject: Subject,
  record: EmployeeRecord,
): { firstName: string; lastName: string; title: string; problems: Problem[] } => {
  const firstName = normalizeText(record.firstName);
  const lastName = normalizeText(record.lastName);
  const problems: Problem[] = [];
  if (firstName === '') {
    problems.push(
      problem(subject, 'missing-name', 'firstName', 'First name is empty: fill it in Lucca.'),
    );
  }
  if (lastName === '') {
    problems.push(
      problem(subject, 'missing-name', 'lastName', 'Last name is empty: fill it in Lucca.'),
    );
  }
  return { firstName, lastName, title: normalizeText(record.title), problems };
};
