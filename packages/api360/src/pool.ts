/**
 * Runs `work` on each item in order with at most `limit` in flight; stops starting new ones once
 * `stop()` is true. `work` must not reject (callers record their own failures).
 */
export const forEachLimited = async <T>(
  items: ReadonlyArray<T>,
  limit: number,
  work: (item: T, index: number) => Promise<void>,
  stop: () => boolean,
): Promise<void> => {
  const running = new Set<Promise<void>>();
  for (const [index, item] of items.entries()) {
    while (running.size >= Math.max(1, limit)) await Promise.race(running);
    if (stop()) break;
    const task = work(item, index).finally(() => running.delete(task));
    running.add(task);
  }
  await Promise.all(running);
};
