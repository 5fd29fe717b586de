import { makeLuccaUsers, startFakeLucca, type FakeLucca } from '@sync360/testkit/lucca-server';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchLuccaRecords } from '../src/index.js';
import { userFields } from '../src/users.js';
import { pagingOf, settingsFor, today } from './helpers.js';

let server: FakeLucca | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('fetchLuccaRecords paging', () => {
  it('reads 2000 users in pages of 1000: the page boundary at the limit needs a third, empty page', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(2000) });
    const { settings, captured } = settingsFor(server, { pageSize: 1000 });
    const result = await fetchLuccaRecords(settings, today);
    expect(pagingOf(server)).toEqual(['0,1000', '1000,1000', '2000,1000']);
    expect(result.records).toHaveLength(2000);
    expect(new Set(result.records.map((record) => record.luccaId)).size).toBe(2000);
    expect(result.definitionsFound).toBe(true);
    expect(captured.progress).toContain('Lucca: page 2 fetched (2000 users)');
    expect(captured.progress).toContain('Lucca: page 3 fetched (2000 users)');
  });

  it('stops on a short page and reports progress per page', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(2500) });
    const { settings, captured } = settingsFor(server);
    const result = await fetchLuccaRecords(settings, today);
    expect(pagingOf(server)).toEqual(['0,1000', '1000,1000', '2000,1000']);
    expect(result.records).toHaveLength(2500);
    expect(captured.progress).toContain('Lucca: page 3 fetched (2500 users)');
  });

  it('sends the documented query and authorization on every request', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3) });
    const { settings } = settingsFor(server);
    await fetchLuccaRecords(settings, today);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/api/v3/extensionuserdefinitions',
      '/api/v3/users',
    ]);
    for (const request of server.requests) {
      expect(request.headers['authorization']).toBe(`lucca application=${server.apiKey}`);
    }
    const [users] = server.usersRequests();
    expect(users?.query).toEqual({
      formerEmployees: 'true',
      fields: userFields.join(','),
      paging: '0,1000',
    });
  });

  it('uses a smaller configured page size and a base URL with a trailing slash', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(25) });
    const { settings } = settingsFor(server, { pageSize: 10, baseUrl: `${server.url}/` });
    const result = await fetchLuccaRecords(settings, today);
    expect(pagingOf(server)).toEqual(['0,10', '10,10', '20,10']);
    expect(result.records.map((record) => record.employeeNumber)).toEqual(
      Array.from({ length: 25 }, (_, index) => `E${String(index + 1).padStart(5, '0')}`),
    );
  });

  it('reads an empty tenant with one request', async () => {
    server = await startFakeLucca({ users: [] });
    const { settings } = settingsFor(server);
    const result = await fetchLuccaRecords(settings, today);
    expect(result.records).toEqual([]);
    expect(pagingOf(server)).toEqual(['0,1000']);
  });

  it('keeps a user returned twice (list moved while paging) once, with a warning', async () => {
    const users = makeLuccaUsers(5);
    server = await startFakeLucca({ users: [...users.slice(0, 3), users[2], ...users.slice(3)] });
    const { settings, captured } = settingsFor(server, { pageSize: 3 });
    const result = await fetchLuccaRecords(settings, today);
    expect(result.records.map((record) => record.luccaId)).toEqual([
      '1001',
      '1002',
      '1003',
      '1004',
      '1005',
    ]);
    expect(captured.warnings.some((warning) => warning.includes('user 1003 twice'))).toBe(true);
    expect(result.warnings).toEqual(captured.warnings);
  });
});
