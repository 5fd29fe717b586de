import type { Report } from '@sync360/core';
import { escapeMrkdwn } from './escape.js';

const explanations: Readonly<Record<string, string>> = {
  'no-rows':
    'No employee would be exported. Check that `LUCCA_STATUS_FIELD` names the 360 status field and that the Lucca API key can read it.',
  'too-many-deactivations':
    'More users would be deactivated than the cap allows. If Lucca really changed that many statuses, approve this file (or run with `--force`, or raise `SYNC360_MAX_DEACTIVATIONS`); otherwise fix the statuses in Lucca.',
  'too-few-rows':
    'The new file has less than half the rows of the last delivered one. Check the Lucca API key rights and `SYNC360_LEGAL_ENTITIES`; if the drop is real, approve this file (or run with `--force`).',
  'too-many-role-removals':
    'More group roles or custom-field values would be taken from people in 360Learning than the cap allows. If the group rules or Lucca really changed that much, approve this run; otherwise ask an admin to check the group rules.',
  'approval-mismatch':
    'Lucca changed since the preview that was approved, so that file no longer exists: review the new one.',
  'no-baseline':
    'There is no last delivered file to compare with (first run, or the saved state was lost).',
};

/** One mrkdwn bullet per guard reason: the code and what to do about it. */
export const guardReasonLines = (report: Pick<Report, 'guard' | 'changes'>): string[] =>
  report.guard.reasons.map((reason) => {
    const detail =
      reason === 'too-many-deactivations' && report.changes !== null
        ? ` (${report.changes.deactivated} deactivations)`
        : '';
    const explanation = explanations[reason] ?? 'See the run report for details.';
    return `• \`${escapeMrkdwn(reason)}\`${detail}: ${explanation}`;
  });
