import { Sync360Error, type Plan, type RunOutcome } from '@sync360/core';
import { exitCodes } from '../cli/exit-codes.js';

export interface Decision {
  readonly outcome: RunOutcome;
  readonly exitCode: number;
  readonly deliver: boolean;
  readonly failure: Sync360Error | null;
}

/** SPEC §3 stage order after the plan: strict (6), then guard (3), then dry run or delivery. */
export const decide = (
  plan: Plan,
  flags: { strict: boolean; force: boolean; dryRun: boolean },
): Decision => {
  if (flags.strict && plan.counts.errors > 0) {
    const failure = new Sync360Error(
      'strict',
      'data-errors',
      `--strict: ${plan.counts.errors} data errors, nothing delivered.`,
      'Fix the fix-data reminders in Lucca, or run without --strict to deliver the valid rows.',
    );
    return { outcome: 'failed', exitCode: exitCodes.strict, deliver: false, failure };
  }
  const blocked = plan.guard.tripped && !flags.force;
  if (flags.dryRun)
    return {
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
      'Check the diff (sync360 run --dry-run). If the change is intended, rerun with --force.',
    );
    return { outcome: 'blocked', exitCode: exitCodes.guard, deliver: false, failure };
  }
  return { outcome: 'delivered', exitCode: exitCodes.ok, deliver: true, failure: null };
};
