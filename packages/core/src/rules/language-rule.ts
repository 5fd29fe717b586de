import { languageFromCulture } from '../language.js';
import type { Problem } from '../problems.js';
import { noProblems, problem, type Subject } from './problem.js';

export const mapLanguage = (
  subject: Subject,
  culture: number | string | null,
  defaultLanguage: string,
): { language: string; problems: ReadonlyArray<Problem> } => {
  const language = languageFromCulture(culture);
  if (language !== null) return { language, problems: noProblems };
  const seen =
    culture === null || culture === '' ? 'no language' : `unknown culture "${String(culture)}"`;
  return {
    language: defaultLanguage,
    problems: [
      problem(
        subject,
        'unknown-language',
        'language',
        `${seen}: exported as "${defaultLanguage}"; set the language in Lucca.`,
      ),
    ],
  };
};
