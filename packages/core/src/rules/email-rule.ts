import { isValidEmail } from '../email.js';
import type { Problem } from '../problems.js';
import { normalizeText } from '../text.js';
import { noProblems, problem, type Subject } from './problem.js';

export const mapEmail = (
  subject: Subject,
  raw: string | null,
): { email: string; problems: ReadonlyArray<Problem> } => {
  const email = normalizeText(raw).toLowerCase();
  if (email === '') {
    return {
      email,
      problems: [
        problem(
          subject,
          'missing-email',
          'email',
          'No professional email: add it in Lucca (it is the 360 username).',
        ),
      ],
    };
  }
  if (!isValidEmail(email)) {
    return {
      email,
      problems: [
        problem(
          subject,
          'invalid-email',
          'email',
          `Professional email "${email}" is not a valid address: correct it in Lucca.`,
        ),
      ],
    };
  }
  return { email, problems: noProblems };
};
