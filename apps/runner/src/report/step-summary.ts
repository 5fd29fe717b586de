import { appendFile } from 'node:fs/promises';
import type { Report } from '@sync360/core';

const cell = (value: string): string => value.replace(/\|/g, '\\|');

/** Markdown for `$GITHUB_STEP_SUMMARY`: counts and employee numbers only, never names or emails. */
export const stepSummaryMarkdown = (report: Report): string => {
  const lines = [
    `## sync360 — ${report.outcome}${report.forced ? ' (forced)' : ''}`,
    '',
    `Source: ${report.source.kind}, ${report.source.employees} employees · today ${report.today}`,
    '',
    '| Active | Inactive | Not exported | Errors | Warnings | Reminders |',
    '|---|---|---|---|---|---|',
    `| ${report.counts.active} | ${report.counts.inactive} | ${report.counts.notExported} | ${report.counts.errors} | ${report.counts.warnings} | ${report.reminders.length} |`,
    '',
  ];
  if (report.changes === null) lines.push('Changes: no-baseline (first delivery)', '');
  else {
    const c = report.changes;
    lines.push(
      '| Created | Updated | Deactivated | Reactivated | Dropped | Unchanged |',
      '|---|---|---|---|---|---|',
      `| ${c.created} | ${c.updated} | ${c.deactivated} | ${c.reactivated} | ${c.dropped} | ${c.unchanged} |`,
      '',
    );
  }
  if (report.guard.tripped)
    lines.push(`**Safety guard tripped:** ${report.guard.reasons.join(', ')}`, '');
  if (report.failure !== null)
    lines.push(
      `**Failed:** ${cell(report.failure.message)}`,
      '',
      `What to do: ${cell(report.failure.hint)}`,
      '',
    );
  if (report.problems.length > 0) {
    lines.push('| Severity | Employee | Code | Field |', '|---|---|---|---|');
    for (const problem of report.problems.slice(0, 50)) {
      lines.push(
        `| ${problem.severity} | ${cell(problem.employeeNumber ?? '—')} | ${problem.code} | ${problem.field ?? ''} |`,
      );
    }
    if (report.problems.length > 50)
      lines.push(`\n… and ${report.problems.length - 50} more in the report artifact.`);
    lines.push('');
  }
  for (const warning of report.warnings) lines.push(`> ${cell(warning)}`);
  return `${lines.join('\n')}\n`;
};

/** A summary that cannot be written is a warning, never a failed run. */
export const appendStepSummary = async (path: string, report: Report): Promise<string | null> => {
  try {
    await appendFile(path, stepSummaryMarkdown(report));
    return null;
  } catch (error) {
    return `could not write the step summary (${error instanceof Error ? error.message : String(error)})`;
  }
};
