import type { ErrorKind } from '@sync360/core';

export const exitCodes = {
  ok: 0,
  internal: 1,
  config: 2,
  guard: 3,
  source: 4,
  delivery: 5,
  strict: 6,
} as const;

export const exitCodeFor = (kind: ErrorKind): number => exitCodes[kind];
