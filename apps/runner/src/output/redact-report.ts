import type { Report } from '@sync360/core';

/** The report as printed under GitHub Actions or --redact: employee numbers only. */
export const redactReport = (report: Report): Report => ({
  ...report,
  problems: report.problems.map((problem) => ({
    ...problem,
    message: `${problem.code}${problem.field === null ? '' : ` (${problem.field})`}`,
  })),
  reminders: report.reminders.map((reminder) => ({ ...reminder, name: '' })),
});
