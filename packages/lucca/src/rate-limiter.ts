import { sleep } from '@sync360/retry';

/** Client-side limiter shared by every request of one Lucca tenant. */
export interface RateLimiter {
  /** Resolves when a request may start; the promise gives the milliseconds waited. */
  acquire(): Promise<number>;
}

interface SlidingWindowOptions {
  /** At most this many request starts in any window. */
  readonly requests: number;
  readonly windowMs: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * A sliding-window log: never more than `requests` starts in any `windowMs`, so a burst up to the
 * limit goes out at once and the tenant's per-minute quota (about 50/min) is never
 * exceeded by this process, whatever the server's window alignment. Callers are served in order.
 */
export const createRateLimiter = (options: SlidingWindowOptions): RateLimiter => {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  const capacity = Math.max(1, Math.floor(options.requests));
  const starts: number[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  const take = async (): Promise<number> => {
    const began = now();
    for (;;) {
      const current = now();
      let oldest = starts[0];
      while (oldest !== undefined && oldest <= current - options.windowMs) {
        starts.shift();
        oldest = starts[0];
      }
      if (oldest === undefined || starts.length < capacity) {
        starts.push(current);
        return current - began;
      }
      await wait(oldest + options.windowMs - current);
    }
  };

  return {
    acquire: () => {
      const turn = queue.then(take);
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
};

/** Lucca's documented limit: about 50 requests per minute per tenant. */
export const luccaRequestsPerMinute = 50;

export const luccaRateLimiter = (): RateLimiter =>
  createRateLimiter({ requests: luccaRequestsPerMinute, windowMs: 60_000 });
