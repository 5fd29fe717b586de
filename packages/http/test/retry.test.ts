import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs, withRetries } from '../src/retry.js';

describe('backoffDelayMs', () => {
  it('keeps at least half of each doubling step and never exceeds the cap', () => {
    expect(backoffDelayMs(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelayMs(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelayMs(3, 100, 10_000, () => 0)).toBe(400);
    expect(backoffDelayMs(20, 100, 1_000, () => 1)).toBe(1_000);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds and HTTP dates, and refuses anything else', () => {
    expect(parseRetryAfterMs('3', 0)).toBe(3_000);
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(parseRetryAfterMs('Tue, 01 Dec 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfterMs('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('tomorrow', now)).toBeNull();
    expect(parseRetryAfterMs('1.5', now)).toBeNull();
    expect(parseRetryAfterMs(undefined, now)).toBeNull();
  });
});

describe('withRetries', () => {
  const quick = { baseDelayMs: 1, maxDelayMs: 2 };

  it('retries until success and reports each failed attempt', async () => {
    const seen: number[] = [];
    const value = await withRetries(
      {
        ...quick,
        attempts: 3,
        retryable: () => ({ retry: true }),
        onRetry: (_e, n) => seen.push(n),
      },
      async (n) => {
        if (n < 3) throw new Error(`fail ${String(n)}`);
        return 'ok';
      },
    );
    expect(value).toBe('ok');
    expect(seen).toEqual([1, 2]);
  });

  it('rethrows the last error once the attempts are used up', async () => {
    let calls = 0;
    await expect(
      withRetries({ ...quick, attempts: 2, retryable: () => ({ retry: true }) }, () => {
        calls += 1;
        return Promise.reject(new Error(`fail ${String(calls)}`));
      }),
    ).rejects.toThrow('fail 2');
    expect(calls).toBe(2);
  });

  it('stops at once on an error the caller says is final, and waits what the server asked', async () => {
    let calls = 0;
    await expect(
      withRetries({ ...quick, attempts: 5, retryable: () => ({ retry: false }) }, () => {
        calls += 1;
        return Promise.reject(new Error('auth'));
      }),
    ).rejects.toThrow('auth');
    expect(calls).toBe(1);

    const delays: number[] = [];
    await withRetries(
      {
        ...quick,
        attempts: 2,
        retryable: () => ({ retry: true, waitMs: 7 }),
        onRetry: (_e, _n, ms) => delays.push(ms),
      },
      async (n) => {
        if (n === 1) throw new Error('limited');
        return n;
      },
    );
    expect(delays).toEqual([7]);
  });

  it('keeps a floor under the wait, whether the server asked or the backoff chose', async () => {
    const delays: number[] = [];
    const options = {
      ...quick,
      attempts: 3,
      onRetry: (_e: unknown, _n: number, ms: number) => delays.push(ms),
    };
    const failTwice = async (n: number) => {
      if (n < 3) throw new Error('limited');
      return n;
    };
    await withRetries(
      { ...options, retryable: () => ({ retry: true, waitMs: 3, minWaitMs: 20 }) },
      failTwice,
    );
    await withRetries({ ...options, retryable: () => ({ retry: true, minWaitMs: 20 }) }, failTwice);
    await withRetries(
      { ...options, retryable: () => ({ retry: true, waitMs: 30, minWaitMs: 20 }) },
      failTwice,
    );
    expect(delays).toEqual([20, 20, 20, 20, 30, 30]);
  });
});
