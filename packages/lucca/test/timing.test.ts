import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../src/backoff.js';
import { parseRetryAfterMs } from '../src/index.js';

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-01-15T10:00:00Z');
  it.each<[string | null, number | null]>([
    ['120', 120_000],
    [' 0 ', 0],
    ['Thu, 15 Jan 2026 10:00:30 GMT', 30_000],
    ['Thu, 15 Jan 2026 09:59:00 GMT', 0],
    ['soon', null],
    ['-5', null],
    ['1.5', null],
    ['', null],
    [null, null],
  ])('%j -> %j', (header, expected) => {
    expect(parseRetryAfterMs(header, now)).toBe(expected);
  });
});

describe('backoffDelayMs', () => {
  it('doubles each retry, stays within [step/2, step] and under the ceiling', () => {
    expect([0, 1, 2, 3].map((retry) => backoffDelayMs(retry, 1000, 30_000, () => 0))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([0, 1, 2, 3].map((retry) => backoffDelayMs(retry, 1000, 30_000, () => 1))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
    expect(backoffDelayMs(10, 1000, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelayMs(10, 1000, 30_000, () => 0)).toBe(15_000);
  });
});
