import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isSync360Error } from '@sync360/core';
import {
  fakeApi360GroupId,
  startFakeApi360,
  type FakeApi360,
  type FakeApi360Options,
} from '@sync360/testkit/api360-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  api360Defaults,
  applyApi360Plan,
  createApi360Client,
  operationLines,
  planFromLive,
  type Api360Settings,
} from '../src/index.js';
import { api360ErrorHints } from '../src/error-codes.js';
import { readUser } from '../src/schemas.js';
import { account, groupId, plan, row, settingsFor } from './helpers.js';

// What 360Learning really sends (SPEC §7b), and a fake that answers only what it documents.

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const startFake = async (options: FakeApi360Options = {}): Promise<FakeApi360> => {
  const fake = await startFakeApi360(options);
  closers.push(() => fake.close());
  return fake;
};

/** A bare local server for answers the fake never gives (unknown codes, odd bodies). */
const startRaw = async (
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<string> => {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => handler(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address: AddressInfo | string | null = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
};

const json = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

const rawSettings = (baseUrl: string): Api360Settings => ({
  ...api360Defaults,
  baseUrl,
  clientId: 'raw-client',
  clientSecret: 'raw-secret',
  companyId: null,
  attempts: 1,
});

// The hint table holds exactly the codes the OpenAPI documents list (vendor-documents.test.ts).
const documentedCodes = new Set(Object.keys(api360ErrorHints));

/** Sends one request to the fake with a fresh token; the answer's status and parsed body. */
const ask = async (
  fake: FakeApi360,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { '360-api-version': 'v2.0' },
): Promise<{ status: number; body: unknown }> => {
  const token = await fetch(`${fake.url}/api/v2/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
    }),
  });
  const accessToken = String(Reflect.get(Object(await token.json()), 'access_token'));
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: {
      ...headers,
      authorization: `Bearer ${accessToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  return { status: response.status, body: parsed };
};

const codeOf = (body: unknown): string | null => {
  if (typeof body !== 'object' || body === null) return null;
  const error: unknown = Reflect.get(body, 'error');
  if (typeof error === 'string') return error;
  return typeof error === 'object' && error !== null ? String(Reflect.get(error, 'code')) : null;
};

describe('the 360Learning fake answers only what the documents define', () => {
  it('uses documented codes, or the documented status alone where the documents give none', async () => {
    const fake = await startFake({
      mediaIds: ['6a6a6a6a6a6a6a6a6a6a6a6a'],
      ownerId: '0'.repeat(24),
    });
    const live = fake.addUser({ mail: 'live@acme.test' });
    const gone = fake.addUser({ mail: 'gone@acme.test', status: 'deleted' });
    const answers = [
      // No membership: the document has no code for a malformed body.
      await ask(fake, 'POST', '/api/v2/users', { mail: 'x@acme.test' }),
      await ask(fake, 'GET', '/api/v2/nowhere'),
      await ask(fake, 'PUT', `/api/v2/users/${live}`),
      await ask(fake, 'GET', '/api/v2/users', undefined, {}),
      await ask(fake, 'PATCH', `/api/v2/users/${gone}`, { firstName: 'Back' }),
      await ask(fake, 'PATCH', `/api/v2/users/${live}`, {
        toBeDeactivatedAt: '2001-01-01T00:00:00.000Z',
      }),
      await ask(fake, 'PATCH', `/api/v2/users/${live}`, {
        profileImageId: '7b7b7b7b7b7b7b7b7b7b7b7b',
      }),
    ];
    expect(answers.map((answer) => [answer.status, codeOf(answer.body)])).toEqual([
      [400, null],
      [404, null],
      [404, null],
      [400, null],
      [400, 'invalidUpdateOnDeletedUser'],
      [400, 'deactivationDateInvalid'],
      [400, 'mediaNotFound'],
    ]);
    fake.setFaults([500, 429]);
    const faults = [
      await ask(fake, 'GET', '/api/v2/users'),
      await ask(fake, 'GET', '/api/v2/users'),
    ];
    expect(faults).toEqual([
      { status: 500, body: undefined },
      { status: 429, body: { error: 'tooManyRequests' } },
    ]);
    for (const answer of [...answers, ...faults]) {
      const code = codeOf(answer.body);
      if (code !== null) expect(documentedCodes).toContain(code);
    }
  });

  it('accepts the fields the contract allows: toBeDeactivatedAt, profileImageId (null clears it)', async () => {
    const fake = await startFake({ mediaIds: ['6a6a6a6a6a6a6a6a6a6a6a6a'] });
    const future = new Date(Date.now() + 86_400_000 * 30).toISOString();
    const created = await ask(fake, 'POST', '/api/v2/users', {
      mail: 'new@acme.test',
      toBeDeactivatedAt: future,
      membership: { groupId: fakeApi360GroupId, role: 'learner' },
    });
    expect(created).toMatchObject({ status: 201, body: { toBeDeactivatedAt: future } });
    const id = String(Reflect.get(Object(created.body), '_id'));
    const withImage = await ask(fake, 'PATCH', `/api/v2/users/${id}`, {
      profileImageId: '6a6a6a6a6a6a6a6a6a6a6a6a',
      toBeDeactivatedAt: null,
    });
    expect(withImage.status).toBe(200);
    expect(fake.user(id)).toMatchObject({ profileImageId: '6a6a6a6a6a6a6a6a6a6a6a6a' });
    expect(fake.user(id)?.toBeDeactivatedAt).toBeUndefined();
    expect(await ask(fake, 'PATCH', `/api/v2/users/${id}`, { profileImageId: null })).toMatchObject(
      {
        status: 200,
      },
    );
    expect(fake.user(id)?.profileImageId).toBeUndefined();
  });
});

describe('the client reads what 360Learning documents in its guides and examples', () => {
  it('takes expires_in as the string "3600": an hour, renewed before it ends', async () => {
    const fake = await startFake({ documentedShapes: true, users: [{ mail: 'a@acme.test' }] });
    let now = 5_000_000;
    const client = createApi360Client(settingsFor(fake), { now: () => now });
    await client.authenticate();
    now += 30 * 60_000;
    await client.authenticate();
    const tokens = () => fake.requests.filter((r) => r.path === '/api/v2/oauth2/token').length;
    expect(tokens()).toBe(1);
    now += 29 * 60_000;
    await client.authenticate();
    expect(tokens()).toBe(2);
  });

  it('ignores every field it does not use and sets aside a user without status', async () => {
    const fake = await startFake({
      documentedShapes: true,
      users: [
        { mail: 'first@acme.test', firstName: 'First' },
        { mail: 'second@acme.test', firstName: 'Second', lang: 'fr' },
      ],
    });
    const listed = await ask(fake, 'GET', '/api/v2/users');
    expect(listed.body).toMatchObject([
      { organization: expect.any(String), lastLoginDate: expect.any(String) },
      { organization: expect.any(String), status: 'active' },
    ]);
    expect(Reflect.get(Object(Reflect.get(Object(listed.body), 0)), 'status')).toBeUndefined();
    const read = await createApi360Client(settingsFor(fake)).listUsers();
    expect(read.users).toEqual([
      expect.objectContaining({ mail: 'second@acme.test', firstName: 'Second', lang: 'fr' }),
    ]);
    expect(read.unreadable).toEqual([{ mail: 'first@acme.test', fields: ['status'] }]);
  });

  it('reads each item alone: unknown fields ignored, a field of the wrong type counts as absent', () => {
    expect(
      readUser({
        _id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
        mail: 'a@acme.test',
        status: 'invited',
        firstName: 42,
        lang: 'xx_NEW',
        somethingNew: { deeply: ['nested'] },
      }),
    ).toEqual({
      readable: true,
      user: {
        id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
        mail: 'a@acme.test',
        status: 'invited',
        firstName: null,
        lastName: null,
        job: null,
        lang: 'xx_NEW',
      },
    });
    expect(readUser({ _id: 7, mail: ['a'], status: 'pending' })).toEqual({
      readable: false,
      unreadable: { mail: null, fields: ['_id', 'mail', 'status'] },
    });
    expect(readUser('not a user')).toMatchObject({ readable: false });
    // A user without a mail logs in by username: readable, and ignored when matching.
    expect(readUser({ _id: 'b', status: 'active', username: 'jdoe' })).toMatchObject({
      readable: true,
      user: { mail: null },
    });
  });

  it('fails api360-failed only when the users body is not a list', async () => {
    let body: unknown = [null, 5, { _id: 'c'.repeat(24), mail: 'c@acme.test', status: 'active' }];
    const url = await startRaw((request, response) => {
      if (request.url === '/api/v2/oauth2/token')
        json(response, 200, { access_token: 'raw', token_type: 'Bearer', expires_in: 'soon' });
      else json(response, 200, body);
    });
    const client = createApi360Client(rawSettings(url));
    const read = await client.listUsers();
    expect(read.users.map((user) => user.mail)).toEqual(['c@acme.test']);
    expect(read.unreadable).toHaveLength(2);
    body = { users: [] };
    const error: unknown = await client.listUsers().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(isSync360Error(error) && error.code).toBe('api360-failed');
  });

  it('keeps an unknown error code as sent in the report only; elsewhere it is api360-unknown', async () => {
    const url = await startRaw((request, response) => {
      if (request.url === '/api/v2/oauth2/token')
        json(response, 200, { access_token: 'raw', token_type: 'Bearer', expires_in: 3600 });
      else if (request.method === 'GET') json(response, 200, []);
      else json(response, 400, { error: { code: 'Jane Doe jane.doe@acme.test', message: 'x' } });
    });
    const client = createApi360Client(rawSettings(url));
    const { plan: livePlan } = await planFromLive(client, {
      rows: [row('1')],
      baselineRows: null,
      options: { defaultGroupId: groupId, activateUsers: false },
    });
    const delivery = await applyApi360Plan(client, livePlan, { sendInvitations: false });
    expect(delivery.operations.items).toEqual([
      expect.objectContaining({
        status: 'rejected',
        error: 'HTTP 400 Jane Doe jane.doe@acme.test',
      }),
    ]);
    expect(delivery.rejections).toEqual([
      expect.objectContaining({ code: 'api360-rejected', apiCode: 'Jane Doe jane.doe@acme.test' }),
    ]);
    const shown = [
      delivery.rejections[0]?.message ?? '',
      ...operationLines(livePlan, delivery.operations, false),
    ].join('\n');
    expect(shown).toContain('HTTP 400 api360-unknown');
    expect(shown).not.toMatch(/jane|Doe/i);
  });
});

describe('planning around unreadable users', () => {
  it("leaves the row with an unreadable account's mail alone, and warns for each unreadable account", () => {
    const result = plan([row('1'), row('2', { firstName: 'Changed' })], [account('b', '2')], {
      unreadable: [
        { mail: 'PERSON1@acme.test', fields: ['status'] },
        { mail: null, fields: ['_id', 'mail'] },
      ],
    });
    expect(result.operations.map((operation) => [operation.operation, operation.uniqueId])).toEqual(
      [['update', '2']],
    );
    expect(result.warnings).toEqual([
      expect.objectContaining({ uniqueId: '1', code: 'api360-unreadable-user', field: 'email' }),
      expect.objectContaining({ uniqueId: null, code: 'api360-unreadable-user', field: null }),
    ]);
    expect(result.warnings.map((warning) => warning.message).join('\n')).not.toContain('person1');
  });

  it('also leaves alone a row whose mail at the last delivery an unreadable account has', () => {
    const result = plan([row('3', { email: 'new3@acme.test' })], [], {
      baselineRows: [row('3')],
      unreadable: [{ mail: 'person3@acme.test', fields: ['_id'] }],
    });
    // Creating new3@ would give this employee a second account.
    expect(result.operations).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ uniqueId: '3', code: 'api360-unreadable-user' }),
    ]);
  });
});
