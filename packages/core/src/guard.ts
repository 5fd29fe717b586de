import type { FileDiff } from './diff.js';

export type GuardReason = 'no-rows' | 'too-many-deactivations' | 'too-few-rows';

export interface GuardVerdict {
  readonly tripped: boolean;
  readonly reasons: ReadonlyArray<GuardReason>;
  /** True when there was no previous file to compare with (`no-baseline`). */
  readonly noBaseline: boolean;
  readonly deactivationCap: number | null;
}

export const deactivationCap = (
  maxDeactivations: number | null,
  previouslyActive: number,
): number => maxDeactivations ?? Math.max(5, Math.floor(0.1 * previouslyActive));

/** SPEC §6 safety guard: refuses files that would archive or drop too many users at once. */
export const evaluateGuard = (
  rows: number,
  diff: FileDiff | null,
  maxDeactivations: number | null,
): GuardVerdict => {
  const reasons: GuardReason[] = [];
  if (rows === 0) reasons.push('no-rows');
  if (diff === null)
    return { tripped: reasons.length > 0, reasons, noBaseline: true, deactivationCap: null };
  const cap = deactivationCap(maxDeactivations, diff.previouslyActive);
  if (diff.counts.deactivated > cap) reasons.push('too-many-deactivations');
  if (2 * rows < diff.previousRows) reasons.push('too-few-rows');
  return { tripped: reasons.length > 0, reasons, noBaseline: false, deactivationCap: cap };
};
