import { isSync360Error, type Sync360Error } from '@sync360/core';
import { createHostLimiter } from '@sync360/http';
import type { FakeLucca } from '@sync360/testkit/lucca-server';
import { expect } from 'vitest';
import type { LuccaSettings } from '../src/index.js';

export const today = '2026-01-15';

export interface Captured {
  readonly progress: string[];
  readonly warnings: string[];
}

/** Settings for the fake with tiny delays, plus the progress and warnings it printed. */
export const settingsFor = (
  server: Pick<FakeLucca, 'url' | 'apiKey'>,
  overrides: Partial<LuccaSettings> = {},
): { settings: LuccaSettings; captured: Captured } => {
  const captured: Captured = { progress: [], warnings: [] };
  return {
    captured,
    settings: {
      baseUrl: server.url,
      apiKey: server.apiKey,
      statusField: 'e_360_status',
      timeoutMs: 2000,
      retryBaseDelayMs: 5,
      retryMaxDelayMs: 20,
      limiter: createHostLimiter(10_000, 60_000),
      onProgress: (message) => captured.progress.push(message),
      onWarning: (message) => captured.warnings.push(message),
      ...overrides,
    },
  };
};

/** The error a promise rejected with, which must be one of ours. */
export const rejection = async (promise: Promise<unknown>): Promise<Sync360Error> => {
  try {
    await promise;
  } catch (error) {
    if (isSync360Error(error)) return error;
    throw error;
  }
  expect.fail('expected the call to fail');
};

/** Everything an error could print, for secret checks. */
export const printable = (error: Sync360Error): string =>
  [
    error.message,
    error.hint,
    JSON.stringify(error.details),
    String(error.stack),
    String(error.cause),
  ].join('\n');

/** `paging=offset,limit` of each users request, in order. */
export const pagingOf = (server: FakeLucca): string[] =>
  server.usersRequests().map((request) => request.query['paging'] ?? '');
