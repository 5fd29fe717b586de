import { sleep } from '@sync360/retry';

/** Runs requests so that 360Learning never counts more than the limit in any window. */
export interface Limiter {
  run<T>(request: () => Promise<T>): Promise<T>;
}

/**
 * The server counts a request at some moment between our start and our end, so a request only
 * stops counting once it has ended plus a whole window (plus a little slack for timer jitter).
 * A slot is therefore held from the start of a request until `windowMs` after its end: whatever
 * the latency and whatever the server's window alignment, it never sees more than `limit`
 * requests in one window. Requests start in the order they asked.
 */
export const createLimiter = (limit: number, windowMs = 1000, slackMs = 20): Limiter => {
  const capacity = Math.max(1, Math.floor(limit));
  const releases: number[] = [];
  let inFlight = 0;
  let ended: () => void = () => undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const take = async (): Promise<void> => {
    for (;;) {
      const now = Date.now();
      while (releases[0] !== undefined && releases[0] <= now) releases.shift();
      if (inFlight + releases.length < capacity) {
        inFlight += 1;
        return;
      }
      const first = releases[0];
      if (first !== undefined) await sleep(first - now);
      else await new Promise<void>((resolve) => (ended = resolve));
    }
  };

  const finish = (): void => {
    inFlight -= 1;
    // Releases are pushed in end order, so the array stays sorted.
    releases.push(Date.now() + windowMs + slackMs);
    ended();
  };

  return {
    run: async <T>(request: () => Promise<T>): Promise<T> => {
      const turn = queue.then(take);
      queue = turn;
      await turn;
      try {
        return await request();
      } finally {
        finish();
      }
    },
  };
};
