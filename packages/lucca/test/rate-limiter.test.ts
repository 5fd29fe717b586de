import { makeLuccaUsers, startFakeLucca } from '@sync360/testkit/lucca-server';
import { describe, expect, it } from 'vitest';
import { fetchLuccaRecords } from '../src/index.js';
import { createRateLimiter } from '../src/rate-limiter.js';
import { settingsFor, today } from './helpers.js';

/** A fake clock whose sleep advances time instantly. */
const fakeClock = (): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  slept: number[];
} => {
  let time = 0;
  const slept: number[] = [];
  return {
    now: () => time,
    sleep: async (ms) => {
      slept.push(ms);
      time += ms;
    },
    slept,
  };
};

describe('createRateLimiter (sliding window)', () => {
  it('lets a burst up to the limit through, then waits for the oldest start to leave the window', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({
      requests: 50,
      windowMs: 60_000,
      now: clock.now,
      sleep: clock.sleep,
    });
    const waits: number[] = [];
    for (let index = 0; index < 52; index += 1) waits.push(await limiter.acquire());
    expect(waits.slice(0, 50).every((wait) => wait === 0)).toBe(true);
    expect(waits[50]).toBe(60_000);
    expect(waits[51]).toBe(0);
    expect(clock.now()).toBe(60_000);
  });

  it('never lets more than the limit start in any window', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({
      requests: 5,
      windowMs: 1000,
      now: clock.now,
      sleep: clock.sleep,
    });
    const starts: number[] = [];
    for (let index = 0; index < 23; index += 1) {
      await limiter.acquire();
      starts.push(clock.now());
      await clock.sleep(index % 3 === 0 ? 130 : 10);
    }
    for (const start of starts) {
      expect(
        starts.filter((other) => other >= start && other < start + 1000).length,
      ).toBeLessThanOrEqual(5);
    }
  });

  it('serves concurrent callers first come, first served, however their waits wake up', async () => {
    // A clock whose sleepers wake in reverse order of falling asleep: a limiter that let every
    // waiting caller race for a freed slot would then serve the latest caller first.
    let time = 0;
    const sleepers: Array<{ wake: number; resolve: () => void }> = [];
    const limiter = createRateLimiter({
      requests: 2,
      windowMs: 1000,
      now: () => time,
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          sleepers.push({ wake: time + ms, resolve });
        }),
    });
    const callers = 7;
    const served: Array<{ caller: number; at: number }> = [];
    const all = Promise.all(
      Array.from({ length: callers }, async (_, caller) => {
        await limiter.acquire();
        served.push({ caller, at: time });
      }),
    );
    const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    for (let round = 0; served.length < callers && round < 50; round += 1) {
      await settle();
      if (sleepers.length === 0) continue;
      time = Math.min(...sleepers.map((sleeper) => sleeper.wake));
      const due = sleepers.filter((sleeper) => sleeper.wake <= time).reverse();
      sleepers.splice(0, sleepers.length, ...sleepers.filter((sleeper) => sleeper.wake > time));
      for (const sleeper of due) sleeper.resolve();
    }
    await all;
    expect(served.map((entry) => entry.caller)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // And still never more than 2 starts per window.
    expect(served.map((entry) => entry.at)).toEqual([0, 0, 1000, 1000, 2000, 2000, 3000]);
  });

  it('slows a real fetch down to the injected limit', async () => {
    const server = await startFakeLucca({ users: makeLuccaUsers(50) });
    try {
      const limiter = createRateLimiter({ requests: 2, windowMs: 200 });
      const { settings } = settingsFor(server, { pageSize: 10, limiter });
      const started = Date.now();
      await fetchLuccaRecords(settings, today);
      // 1 definitions + 6 pages = 7 requests, 2 per 200 ms: the 7th starts after 3 windows
      expect(server.requests).toHaveLength(7);
      // Only a lower bound: arrival times at the server jitter under load, start times do not.
      expect(Date.now() - started).toBeGreaterThanOrEqual(590);
    } finally {
      await server.close();
    }
  });
});
