import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHostLimiter } from '../src/http.js';

// A fake clock: the limiter's waits pass at once, and times are exact.
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs `work` while moving the fake clock on until it settles. */
const settled = async <T>(work: Promise<T>): Promise<T> => {
  let done = false;
  const result = work.finally(() => {
    done = true;
  });
  while (!done) await vi.advanceTimersToNextTimerAsync();
  return result;
};

describe('createHostLimiter', () => {
  it('lets a burst up to the limit through, then waits a window after the oldest answer', async () => {
    const limiter = createHostLimiter(50, 60_000);
    const waits: number[] = [];
    await settled(
      (async () => {
        for (let index = 0; index < 52; index += 1)
          await limiter.run(async (waited) => {
            waits.push(waited);
          });
      })(),
    );
    expect(waits.slice(0, 50).every((wait) => wait === 0)).toBe(true);
    expect(waits[50]).toBe(60_000);
    expect(waits[51]).toBe(0);
    expect(Date.now()).toBe(60_000);
  });

  it('never lets more than the limit start in any window, whatever the requests last', async () => {
    const limiter = createHostLimiter(5, 1000);
    const spans: Array<{ start: number; end: number }> = [];
    await settled(
      Promise.all(
        Array.from({ length: 23 }, (_, index) =>
          limiter.run(async () => {
            const start = Date.now();
            await new Promise((resolve) => setTimeout(resolve, index % 3 === 0 ? 130 : 10));
            spans.push({ start, end: Date.now() });
          }),
        ),
      ),
    );
    expect(spans).toHaveLength(23);
    for (const { start } of spans) {
      expect(
        spans.filter((other) => other.start >= start && other.start < start + 1000).length,
      ).toBeLessThanOrEqual(5);
      // Nor more than the limit counted at any moment of a request, the server's view.
      expect(
        spans.filter((other) => other.start <= start && start < other.end + 1000).length,
      ).toBeLessThanOrEqual(5);
    }
  });

  it('serves concurrent callers first come, first served', async () => {
    const limiter = createHostLimiter(2, 1000);
    const served: Array<{ caller: number; at: number }> = [];
    await settled(
      Promise.all(
        Array.from({ length: 7 }, (_, caller) =>
          limiter.run(async () => {
            served.push({ caller, at: Date.now() });
          }),
        ),
      ),
    );
    expect(served.map((entry) => entry.caller)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // And still never more than 2 per window.
    expect(served.map((entry) => entry.at)).toEqual([0, 0, 1000, 1000, 2000, 2000, 3000]);
  });

  it('gives a failed request its slot back a window later, and the error to its caller', async () => {
    const limiter = createHostLimiter(1, 500);
    const failed = limiter.run(() => Promise.reject(new Error('refused')));
    const next = limiter.run(async (waited) => waited);
    await expect(failed).rejects.toThrow('refused');
    expect(await settled(next)).toBe(500);
  });
});
