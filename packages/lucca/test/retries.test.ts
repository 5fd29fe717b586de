import { failInvalidHostLookups } from '@sync360/testkit/unresolvable-hosts';
import { makeLuccaUsers, startFakeLucca, type FakeLucca } from '@sync360/testkit/lucca-server';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { fetchLuccaRecords } from '../src/index.js';
import { pagingOf, rejection, settingsFor, today } from './helpers.js';

let server: FakeLucca | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const answers = (fake: FakeLucca): string[] =>
  fake.usersRequests().map((request) => request.answer);

describe('fetchLuccaRecords retries', () => {
  it('waits for Retry-After (seconds) on 429, then succeeds', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(10), faults: ['429'], retryAfter: 1 });
    const { settings, captured } = settingsFor(server);
    const result = await fetchLuccaRecords(settings, today);
    const [refused, accepted] = server.usersRequests();
    expect(answers(server)).toEqual(['429', '200']);
    expect((accepted?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(result.records).toHaveLength(10);
    expect(
      captured.progress.some((line) => line.includes('HTTP 429') && line.includes('(Retry-After)')),
    ).toBe(true);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    // The date is made when the fake answers, so it is in the future however slow the machine.
    server = await startFakeLucca({
      users: makeLuccaUsers(3),
      faults: ['429'],
      retryAfter: (now) => new Date(now.getTime() + 2000).toUTCString(),
    });
    const { settings } = settingsFor(server);
    await fetchLuccaRecords(settings, today);
    const [refused, accepted] = server.usersRequests();
    const askedUntil = Date.parse(refused?.retryAfter ?? '');
    expect(askedUntil).not.toBeNaN();
    // On the server's clock: the retry came once the date had passed.
    expect(server.startedAt + (accepted?.at ?? 0)).toBeGreaterThanOrEqual(askedUntil);
    expect((accepted?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('fails fast with lucca-rate-limited when Retry-After is longer than allowed', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3), faults: ['429'], retryAfter: 3600 });
    const { settings } = settingsFor(server);
    const error = await rejection(fetchLuccaRecords(settings, today));
    expect(error.code).toBe('lucca-rate-limited');
    expect(error.kind).toBe('source');
    expect(answers(server)).toEqual(['429']);
  });

  it('retries 500 twice then succeeds, with backoff', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(10), faults: ['500', '500'] });
    const { settings, captured } = settingsFor(server, {
      retryBaseDelayMs: 40,
      retryMaxDelayMs: 1000,
    });
    const result = await fetchLuccaRecords(settings, today);
    expect(answers(server)).toEqual(['500', '500', '200']);
    expect(result.records).toHaveLength(10);
    const [first, , third] = server.usersRequests();
    expect((third?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(20 + 40);
    expect(captured.progress.filter((line) => line.includes('HTTP 500'))).toHaveLength(2);
    expect(captured.progress).toContain('Lucca: page 1 fetched (10 users)');
  });

  it('gives up on a 500 that never ends with lucca-server-error after maxRetries', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3), alwaysFail: 500 });
    const { settings } = settingsFor(server, { maxRetries: 3 });
    const error = await rejection(fetchLuccaRecords(settings, today));
    expect(error.code).toBe('lucca-server-error');
    expect(error.kind).toBe('source');
    expect(error.message).toContain('HTTP 500');
    expect(error.message).toContain('after 4 attempts');
    expect(error.details['attempts']).toBe(4);
    expect(server.requests).toHaveLength(4);
  });

  it('retries 502/503 and a dropped connection', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3), faults: ['502', 'drop', '503'] });
    const { settings } = settingsFor(server);
    const result = await fetchLuccaRecords(settings, today);
    expect(answers(server)).toEqual(['502', 'drop', '503', '200']);
    expect(result.records).toHaveLength(3);
  });

  it('never retries 401: lucca-auth with the "key revoked or missing rights" hint', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3) });
    const { settings } = settingsFor(server, { apiKey: 'wrong-key-0000' });
    const error = await rejection(fetchLuccaRecords(settings, today));
    expect(error.code).toBe('lucca-auth');
    expect(error.kind).toBe('source');
    expect(error.hint).toContain('key revoked or missing rights');
    expect(error.details['status']).toBe(401);
    expect(server.requests).toHaveLength(1);
  });

  it('never retries 403 on users', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3), alwaysFail: 403 });
    const { settings } = settingsFor(server);
    const error = await rejection(fetchLuccaRecords(settings, today));
    expect(error.code).toBe('lucca-auth');
    expect(answers(server)).toEqual(['403']);
  });

  it('reports a wrong base URL (404) without retrying', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3) });
    const { settings } = settingsFor(server, { baseUrl: `${server.url}/not-lucca` });
    const error = await rejection(fetchLuccaRecords(settings, today));
    expect(error.code).toBe('lucca-http-error');
    expect(error.hint).toContain('LUCCA_BASE_URL');
    expect(server.requests.map((request) => request.answer)).toEqual(['404', '404']);
  });

  it('gives up on a closed port with lucca-unreachable after bounded retries', async () => {
    const closed = await startFakeLucca();
    await closed.close();
    const { settings, captured } = settingsFor(closed, { maxRetries: 2 });
    const error = await rejection(fetchLuccaRecords(settings, today));
    expect(error.code).toBe('lucca-unreachable');
    expect(error.message).toContain('after 3 attempts');
    expect(captured.progress.filter((line) => line.includes('network error'))).toHaveLength(2);
  });

  it('does not retry a host that does not resolve, and says which', async () => {
    const host = 'acme-sync360-test.invalid';
    onTestFinished(failInvalidHostLookups());
    const { settings, captured } = settingsFor(
      { url: `https://${host}`, apiKey: 'test-lucca-key-5f2c9a' },
      { maxRetries: 5, retryBaseDelayMs: 1000 },
    );
    const error = await rejection(fetchLuccaRecords(settings, today));
    expect(error.code).toBe('lucca-unreachable');
    expect(error.message).toContain(`the host name ${host} does not resolve`);
    expect(error.hint).toContain('LUCCA_BASE_URL');
    expect(error.details['attempts']).toBe(1);
    expect(captured.progress.filter((line) => line.includes('retry'))).toEqual([]);
  });

  it('retries the definitions request too', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3), definitionsFaults: ['503'] });
    const { settings } = settingsFor(server);
    const result = await fetchLuccaRecords(settings, today);
    expect(result.definitionsFound).toBe(true);
    expect(server.requests.map((request) => request.answer)).toEqual(['503', '200', '200']);
    expect(pagingOf(server)).toEqual(['0,1000']);
  });
});
