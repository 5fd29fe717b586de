import { makeLuccaUsers, startFakeLucca, type FakeLucca } from '@sync360/testkit/lucca-server';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchLuccaRecords } from '../src/index.js';
import { pagingOf, rejection, settingsFor, today } from './helpers.js';

let server: FakeLucca | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Each users request starts where the previous successful one ended. */
const expectContiguous = (fake: FakeLucca): void => {
  let expected = 0;
  let lastLimit = 0;
  let lastOffset = -1;
  for (const request of fake.usersRequests()) {
    const [offset = NaN, limit = NaN] = (request.query['paging'] ?? '').split(',').map(Number);
    if (offset === lastOffset) {
      expect(limit).toBeLessThanOrEqual(lastLimit);
    } else {
      expect(offset).toBe(expected);
    }
    if (request.answer === '200') expected = offset + limit;
    lastOffset = offset;
    lastLimit = limit;
  }
};

describe('fetchLuccaRecords on slow answers', () => {
  it('retries a request that times out', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(30), faults: ['timeout'] });
    const { settings, captured } = settingsFor(server, { timeoutMs: 150 });
    const started = Date.now();
    const result = await fetchLuccaRecords(settings, today);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(result.records).toHaveLength(30);
    expect(server.usersRequests().map((request) => request.answer)).toEqual(['timeout', '200']);
    expect(captured.progress.some((line) => line.includes('no answer within 0.15 s'))).toBe(true);
  });

  it('times out on slow responses and gives up with lucca-unreachable', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3), latencyMs: 400 });
    const { settings } = settingsFor(server, { timeoutMs: 100, maxRetries: 1 });
    const error = await rejection(fetchLuccaRecords(settings, today));
    expect(error.code).toBe('lucca-unreachable');
    expect(error.message).toContain('no answer within 0.1 s after 2 attempts');
  });

  it('retries a 408 with half the page, keeps the smaller page and loses nobody', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(2500), faults: ['ok', '408'] });
    const { settings, captured } = settingsFor(server);
    const result = await fetchLuccaRecords(settings, today);
    expect(pagingOf(server)).toEqual([
      '0,1000',
      '1000,1000',
      '1000,500',
      '1500,500',
      '2000,500',
      '2500,500',
    ]);
    expect(result.records).toHaveLength(2500);
    expect(new Set(result.records.map((record) => record.luccaId)).size).toBe(2500);
    expectContiguous(server);
    expect(captured.progress).toContain('Lucca: slow answer, asking for pages of 500 users');
  });

  it('shrinks the page until Lucca answers in time, then keeps offsets consistent', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(2300), maxFastPageSize: 300 });
    const { settings, captured } = settingsFor(server);
    const result = await fetchLuccaRecords(settings, today);
    expect(pagingOf(server).slice(0, 5)).toEqual([
      '0,1000',
      '0,500',
      '0,250',
      '250,250',
      '500,250',
    ]);
    expect(result.records).toHaveLength(2300);
    expect(new Set(result.records.map((record) => record.luccaId)).size).toBe(2300);
    expectContiguous(server);
    expect(captured.progress).toContain('Lucca: slow answer, asking for pages of 250 users');
  });
});
