/**
 * Remembers keys for `ttlMs`: `first(key)` is true only the first time a key is seen in that
 * window (a repeated slash command, a double click), `forget(key)` lets it through again.
 */
export interface OnceWithin {
  first(key: string): boolean;
  forget(key: string): void;
}

export const onceWithin = (ttlMs: number, now: () => Date): OnceWithin => {
  const seen = new Map<string, number>();
  return {
    first: (key) => {
      const at = now().getTime();
      for (const [old, when] of seen) if (at - when >= ttlMs) seen.delete(old);
      if (seen.has(key)) return false;
      seen.set(key, at);
      return true;
    },
    forget: (key) => {
      seen.delete(key);
    },
  };
};

/** A repeated request or click within 10 minutes is the same one, answered once. */
export const repeatWindowMs = 10 * 60_000;
