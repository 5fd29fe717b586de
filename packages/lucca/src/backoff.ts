/**
 * Exponential backoff with "equal jitter": half of the exponential step is fixed, half random, so
 * concurrent clients spread out while every wait stays at least half the step.
 */
export const backoffDelayMs = (
  retryIndex: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number => {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, retryIndex));
  return Math.round(step / 2 + random() * (step / 2));
};
