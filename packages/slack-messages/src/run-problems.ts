import type { Report } from '@sync360/core';
import { escapeMrkdwn, safeMrkdwn } from './escape.js';
import { plural } from './format.js';

type Problem = Report['problems'][number];

const severityRank = (problem: Problem): number => (problem.severity === 'error' ? 0 : 1);

const whoOf = (problem: Problem): string =>
  problem.employeeNumber !== null
    ? `#${escapeMrkdwn(problem.employeeNumber)}`
    : problem.luccaId !== null
      ? `Lucca id ${escapeMrkdwn(problem.luccaId)}`
      : 'unknown employee';

/**
 * Code, employee number and field only: a problem's message may quote Lucca data (an email, a
 * name), and this goes to a channel that may be public.
 */
const problemLine = (problem: Problem): string => {
  const icon = problem.severity === 'error' ? ':red_circle:' : ':large_yellow_circle:';
  const field = problem.field === null ? '' : ` (${escapeMrkdwn(problem.field)})`;
  return `${icon} \`${escapeMrkdwn(problem.code)}\` ${whoOf(problem)}${field}`;
};

/** The first `limit` problems, errors first, then "and N more"; null when there are none. */
export const topProblemsText = (problems: ReadonlyArray<Problem>, limit = 5): string | null => {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => severityRank(a) - severityRank(b));
  const lines = sorted.slice(0, limit).map(problemLine);
  const rest = problems.length - lines.length;
  if (rest > 0) lines.push(`_and ${plural(rest, 'more problem')} in the run report_`);
  return `*Top problems*\n${lines.join('\n')}`;
};

/** Report warnings (Slack or summary failures, no former employees…), first few only. */
export const reportWarningsText = (warnings: ReadonlyArray<string>, limit = 3): string | null => {
  if (warnings.length === 0) return null;
  const lines = warnings.slice(0, limit).map((warning) => `:warning: ${safeMrkdwn(warning, 400)}`);
  const rest = warnings.length - lines.length;
  if (rest > 0) lines.push(`_and ${plural(rest, 'more warning')}_`);
  return lines.join('\n');
};
