import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isSync360Error } from '@sync360/core';
import {
  fakeApi360GroupId,
  startFakeApi360,
  type FakeApi360,
} from '@sync360/testkit/api360-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi360Client, type Api360Settings } from '../src/index.js';
import { settingsFor } from './helpers.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const start = async (options: Parameters<typeof startFakeApi360>[0] = {}): Promise<FakeApi360> => {
  const server = await startFakeApi360(options);
  servers.push(server);
  return server;
};

const failureOf = async (work: Promise<unknown>) => {
  const error: unknown = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isSync360Error(error)) throw new Error(`expected a coded error, got ${String(error)}`);
  return error;
};

const body = (n: number) => ({
  mail: `user${n}@acme.test`,
  firstName: `First${n}`,
  lastName: `Last${n}`,
  membership: { groupId: fakeApi360GroupId, role: 'learner' as const },
});

const mailOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? Reflect.get(value, 'mail') : undefined;

const tokenRequests = (server: FakeApi360) =>
  server.requests.filter((r) => r.path === '/api/v2/oauth2/token');

describe('360Learning client: token', () => {
  it('asks by client credentials with company_id, and once more after a 401 invalid_token', async () => {
    const companyId = 'c0ffee00c0ffee00c0ffee00';
    const server = await start({ companyId, users: [{ mail: 'a@acme.test' }] });
    const client = createApi360Client(settingsFor(server, { companyId }));
    expect((await client.listUsers()).users).toHaveLength(1);
    expect(tokenRequests(server)[0]?.body).toEqual({
      grant_type: 'client_credentials',
      client_id: server.clientId,
      client_secret: server.clientSecret,
      company_id: companyId,
    });
    server.expireTokens();
    expect((await client.listUsers()).users).toHaveLength(1);
    expect(tokenRequests(server)).toHaveLength(2);
    expect(server.requests.map((r) => r.status)).toEqual([200, 200, 401, 200, 200]);
  });

  it('renews the token before it expires, without a 401', async () => {
    const server = await start({ expiresInSeconds: 3600 });
    let now = 1_000_000;
    const client = createApi360Client(settingsFor(server), { now: () => now });
    await client.listUsers();
    now += 3540_000; // 59 minutes later: inside the last tenth of the hour
    await client.listUsers();
    expect(tokenRequests(server)).toHaveLength(2);
    expect(server.requests.some((r) => r.status === 401)).toBe(false);
  });

  it('fails api360-failed with the error code on refused credentials, never printing the secret', async () => {
    const server = await start();
    const client = createApi360Client(settingsFor(server, { clientSecret: 'wrong-secret-77' }));
    const error = await failureOf(client.listUsers());
    expect(error).toMatchObject({ code: 'api360-failed', details: { apiCode: 'invalid_client' } });
    expect(`${error.message} ${error.hint}`).not.toContain('wrong-secret-77');
    expect(error.hint).toContain('API360_CLIENT_SECRET');
  });

  it('explains a missing users:write scope', async () => {
    const server = await start({ scopes: ['users:read'] });
    const client = createApi360Client(settingsFor(server));
    const error = await failureOf(client.createUser(body(1), false));
    expect(error).toMatchObject({
      code: 'api360-failed',
      details: { status: 403, apiCode: 'invalid_scope' },
    });
    expect(error.hint).toContain('users:write');
  });
});

describe('360Learning client: paging', () => {
  it('follows Link rel="next" pages until none is left', async () => {
    const users = Array.from({ length: 5 }, (_, n) => ({ mail: `u${n}@acme.test` }));
    const server = await start({ users, pageSize: 2 });
    const client = createApi360Client(settingsFor(server));
    expect((await client.listUsers()).users.map((user) => user.mail)).toEqual(
      users.map((u) => u.mail),
    );
    // The client follows the opaque next-page token as given: no page numbers of its own.
    const queries = server.requests.filter((r) => r.path === '/api/v2/users').map((r) => r.query);
    expect(queries).toHaveLength(3);
    expect(queries[0]).toEqual({});
    expect(new Set(queries.slice(1).map((query) => Object.keys(query).join()))).toEqual(
      new Set(['cursor']),
    );
    expect(queries[1]?.['cursor']).not.toBe(queries[2]?.['cursor']);
  });

  it('refuses a next link on another origin: the token never goes there', async () => {
    const foreign: string[] = [];
    const other = createServer((request, response) => {
      foreign.push(request.headers.authorization ?? 'no authorization');
      response.end('[]');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const address: AddressInfo | string | null = other.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    servers.push({ close: () => new Promise<void>((resolve) => other.close(() => resolve())) });
    const server = await start({
      users: [{ mail: 'a@acme.test' }, { mail: 'b@acme.test' }],
      pageSize: 1,
      linkOrigin: `http://localhost:${port}`,
    });
    const error = await failureOf(createApi360Client(settingsFor(server)).listUsers());
    expect(error.code).toBe('api360-failed');
    expect(error.message).toContain(`http://localhost:${port}`);
    expect(foreign).toEqual([]);
  });
});

describe('360Learning client: limits and retries', () => {
  const settings = (server: FakeApi360, overrides: Partial<Api360Settings> = {}) =>
    settingsFor(server, overrides);

  it('stays under 10 writes and 50 reads a second by itself: no 429 at all', async () => {
    const server = await start({ rateLimits: { writesPerSecond: 10, readsPerSecond: 50 } });
    const client = createApi360Client(settings(server));
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, n) => client.createUser(body(n), false)),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    await Promise.all(Array.from({ length: 110 }, () => client.firstUsersPage()));
    expect(server.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(server.users()).toHaveLength(25);
  });

  it('waits at least a second after each 429 and gets through', async () => {
    const server = await start({ rateLimits: { writesPerSecond: 2, readsPerSecond: 50 } });
    const client = createApi360Client(settings(server, { attempts: 10 }));
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, n) => client.createUser(body(n), false)),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(server.users()).toHaveLength(6);
    const writes = server.writes();
    const refused = writes.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const request of refused) {
      const retry = writes.find(
        (r) => r.at > request.at && mailOf(r.body) === mailOf(request.body),
      );
      expect(retry?.at ?? Number.NaN).toBeGreaterThanOrEqual(request.at + 1000);
    }
  });

  it('retries 5xx and dropped connections, then fails api360-failed when attempts run out', async () => {
    const server = await start({ users: [{ mail: 'a@acme.test' }] });
    const client = createApi360Client(settings(server, { attempts: 3 }));
    server.setFaults([500, 'drop']);
    expect((await client.listUsers()).users).toHaveLength(1);
    server.setFaults([503, 503, 503]);
    const error = await failureOf(client.listUsers());
    expect(error).toMatchObject({ code: 'api360-failed', details: { status: 503, attempts: 3 } });
  });

  it('keeps a per-user 4xx as a rejection with 360Learning error code', async () => {
    const server = await start();
    const client = createApi360Client(settings(server));
    expect(await client.createUser(body(1), true)).toMatchObject({
      ok: true,
      value: { restored: false },
    });
    expect(await client.createUser(body(1), true)).toEqual({
      ok: false,
      status: 400,
      code: 'mailAlreadyUsed',
    });
    expect(await client.deleteUser('0'.repeat(24))).toEqual({
      ok: false,
      status: 404,
      code: 'userNotFound',
    });
  });
});
