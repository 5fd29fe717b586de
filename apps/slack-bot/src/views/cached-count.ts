/** Remembers a slow count for `ttlMs` so opening the Home tab does not hit Lucca every time. */
export const cachedCount = (
  load: () => Promise<number>,
  ttlMs: number,
  now: () => Date,
): (() => Promise<number>) => {
  let cached: { value: number; at: number } | null = null;
  return async () => {
    const at = now().getTime();
    if (cached !== null && at - cached.at < ttlMs) return cached.value;
    const value = await load();
    cached = { value, at };
    return value;
  };
};
