import { Sync360Error, type Plan, type RunOutcome } from '@sync360/core';
import { exitCodes } from '../cli.js';

export interface Decision {
  readonly outcome: RunOutcome;
  readonly exitCode: number;
  readonly deliver: boolean;
  readonly failure: Sync360Error | null;
  /** A tripped guard was released, by --force or by an approval of this very file. */
  readonly forced: boolean;
  /** The file's sha256 when its approval released a tripped guard, else null. */
  readonly approvedSha256: string | null;
  /** The approval named another file: blocked whatever the guard says. */
  readonly approvalMismatch: boolean;
}

interface DecisionFlags {
  readonly strict: boolean;
  readonly force: boolean;
  readonly dryRun: boolean;
  /** Lowercase sha256 or a prefix of at least 12 hex digits. */
  readonly approve: string | null;
}

const blockedHint = (sha256: string): string =>
  `Review who is affected (the change list in the report and the summary). If it is right, approve this exact file: sync360 run --approve ${sha256} (or the Approve button in Slack, or the workflow input approve_sha256). If it is wrong, fix the data in Lucca and preview again (sync360 run --dry-run).`;

/**
 * The stage order after the plan: strict (6), then the approval, then the guard (3), then dry run
 * or delivery. An approval binds the run to the reviewed file: a different file is never
 * delivered, the same one is even when the guard trips.
 */
export const decide = (
  plan: Plan,
  flags: DecisionFlags,
  /** What an approval names: the file's sha256, or with group rules the file's and the rules'. */
  approvalSha256: string = plan.file.sha256,
): Decision => {
  const base = { forced: false, approvedSha256: null, approvalMismatch: false };
  if (flags.strict && plan.counts.errors > 0) {
    const failure = new Sync360Error(
      'strict',
      'data-errors',
      `--strict: ${String(plan.counts.errors)} data errors, nothing delivered.`,
      'Fix the fix-data reminders in Lucca, or run without --strict to deliver the valid rows.',
    );
    return { ...base, outcome: 'failed', exitCode: exitCodes.strict, deliver: false, failure };
  }
  const approved = flags.approve !== null && approvalSha256.startsWith(flags.approve);
  if (flags.approve !== null && !approved) {
    const failure = new Sync360Error(
      'guard',
      'approval-mismatch',
      `Lucca changed since the preview: review the new one. The approval names ${flags.approve}, tonight's file is ${approvalSha256}: nothing delivered, state unchanged.`,
      'Preview again (sync360 run --dry-run), review the change list, then approve the new sha256 if it is right.',
    );
    return {
      ...base,
      approvalMismatch: true,
      outcome: flags.dryRun ? 'dry-run' : 'blocked',
      exitCode: exitCodes.guard,
      deliver: false,
      failure: flags.dryRun ? null : failure,
    };
  }
  const released = plan.guard.tripped && (approved || flags.force);
  const decided = {
    ...base,
    forced: released,
    approvedSha256: released && approved ? approvalSha256 : null,
  };
  const blocked = plan.guard.tripped && !released;
  if (flags.dryRun)
    return {
      ...decided,
      outcome: 'dry-run',
      exitCode: blocked ? exitCodes.guard : exitCodes.ok,
      deliver: false,
      failure: null,
    };
  if (blocked) {
    const failure = new Sync360Error(
      'guard',
      plan.guard.reasons.join(','),
      `Blocked by the safety guard (${plan.guard.reasons.join(', ')}): nothing delivered, state unchanged.`,
      blockedHint(approvalSha256),
    );
    return { ...decided, outcome: 'blocked', exitCode: exitCodes.guard, deliver: false, failure };
  }
  return { ...decided, outcome: 'delivered', exitCode: exitCodes.ok, deliver: true, failure: null };
};
