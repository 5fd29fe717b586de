/** The "today" of every benchmark, matching the generator's contract dates. */
export const benchToday = '2026-01-15';
export const statusField = 'e_360_status';

/** Deterministic PRNG (mulberry32), so every run benchmarks the same data. */
const prng = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/**
 * A seeded Fisher-Yates shuffle. Lucca pages by internal id, which mostly follows hiring and so
 * employee numbers; the shuffled variant is the worst case for the sort.
 */
export const shuffled = <T>(items: ReadonlyArray<T>, seed: number): T[] => {
  const random = prng(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const here = copy[index];
    const there = copy[other];
    if (here === undefined || there === undefined) continue;
    copy[index] = there;
    copy[other] = here;
  }
  return copy;
};
