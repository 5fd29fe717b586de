import { deactivationCap, type GuardVerdict } from '@sync360/core';
import type { Api360Plan } from './plan.js';

/**
 * The file's guard verdict, also counting the planned deletes: more than the deactivation cap
 * (with "previously Active" = the live active or invited accounts the file matches) trips it with
 * `too-many-deactivations`, before any write, released by `--approve`/`--force` like the file's.
 */
export const guardWithDeletes = (
  guard: GuardVerdict,
  plan: Api360Plan,
  maxDeactivations: number | null,
): GuardVerdict => {
  const cap = deactivationCap(maxDeactivations, plan.previouslyActive);
  if (plan.deletes <= cap || guard.reasons.includes('too-many-deactivations')) return guard;
  return { ...guard, tripped: true, reasons: [...guard.reasons, 'too-many-deactivations'] };
};
