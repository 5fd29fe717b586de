import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  createGroupsFake,
  type FakeApi360Groups,
  type FakeApi360GroupsSeed,
} from './api360-groups.js';
import {
  apiError,
  bareStatus,
  createApi360Store,
  type Answer,
  type FakeApi360Seed,
  type FakeApi360User,
} from './api360-store.js';

export type { FakeApi360Seed, FakeApi360User } from './api360-store.js';

/** The default group of the fake company (what `API360_DEFAULT_GROUP_ID` names in tests). */
export const fakeApi360GroupId = '64b7f0c2a1d3e4f5a6b7c8d9';

export interface FakeApi360Options {
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** When set, token requests must carry this `company_id`. */
  readonly companyId?: string;
  /** Token lifetime in seconds (`expires_in`); default 3600. */
  readonly expiresInSeconds?: number;
  /** Scopes of the API client; default users:read and users:write. */
  readonly scopes?: ReadonlyArray<string>;
  readonly users?: ReadonlyArray<FakeApi360Seed>;
  readonly groupIds?: ReadonlyArray<string>;
  readonly invalidMails?: ReadonlyArray<string>;
  /** The company owner: deleting it is `400 userIsCompanyOwner`. */
  readonly ownerId?: string;
  /** Users a page; default 500 as 360Learning. Managers pages hold `managersPageSize` (1000). */
  readonly pageSize?: number;
  readonly managersPageSize?: number;
  /** Write (POST/PATCH/PUT/DELETE) and read (GET) requests allowed a second; null: no limit. */
  readonly rateLimits?: {
    readonly writesPerSecond: number;
    readonly readsPerSecond: number;
  } | null;
  /** Next-page links point at this origin instead of a path on the fake (a hostile proxy). */
  readonly linkOrigin?: string;
  /** More GET endpoints (e.g. the stats of `api360-learning.ts`), each with its scope. */
  readonly routes?: ReadonlyArray<FakeApi360Route>;
  /** Image media ids a `profileImageId` may name (else `400 mediaNotFound`). */
  readonly mediaIds?: ReadonlyArray<string>;
  /**
   * Answers as 360Learning's own guides and examples show, where they differ from the OpenAPI
   * types: `expires_in` as the string `"3600"`, every documented optional field on every user,
   * and the first user of the list without `status`.
   */
  readonly documentedShapes?: boolean;
  /** Groups with their roles, custom fields and values (group rules, §7c). */
  readonly groups?: FakeApi360GroupsSeed;
}

/** One more list endpoint: `answer` pages its items with the documented `Link` header. */
export interface FakeApi360Route {
  readonly path: string;
  readonly scope: string;
  answer(url: URL, page: (items: ReadonlyArray<unknown>, size: number) => Answer): Answer;
}

/** One scripted answer for the next API request (not token requests): a status, or a dropped socket. */
export type FakeApi360Fault = number | 'drop';

export interface FakeApi360Request {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Milliseconds since the server started. */
  readonly at: number;
  status: number | 'drop';
}

export interface FakeApi360 {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly requests: FakeApi360Request[];
  /** Writes that reached the users endpoints (whatever the answer). */
  writes(): FakeApi360Request[];
  users(): FakeApi360User[];
  user(id: string): FakeApi360User | undefined;
  userByMail(mail: string): FakeApi360User | undefined;
  managersOf(id: string): string[] | undefined;
  /** Mails an invitation email went to. */
  invitations(): string[];
  addUser(seed: FakeApi360Seed): string;
  /** Every token issued so far stops working, as after its hour. */
  expireTokens(): void;
  setFaults(faults: ReadonlyArray<FakeApi360Fault>): void;
  /** Group roles and custom-field values as they stand. */
  readonly groups: FakeApi360Groups;
  close(): Promise<void>;
}

const answeredId = z.object({ _id: z.string() });

const tokenPath = '/api/v2/oauth2/token';
const usersPath = '/api/v2/users';
const userRoute = /^\/api\/v2\/users\/([^/]+)(\/activate|\/managers(?:\/([^/]+))?)?$/;

const readBody = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const flatHeaders = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
    ),
  );

const field = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null ? Reflect.get(body, name) : undefined;

/** A local fake of 360Learning's API v2 users endpoints on 127.0.0.1, random port. */
export const startFakeApi360 = async (options: FakeApi360Options = {}): Promise<FakeApi360> => {
  const clientId = options.clientId ?? 'fake-360-client-0918d22e';
  const clientSecret = options.clientSecret ?? 'fake-360-secret-de831d67';
  const store = createApi360Store({
    groupIds: options.groupIds ?? [fakeApi360GroupId],
    invalidMails: (options.invalidMails ?? []).map((mail) => mail.toLowerCase()),
    ownerId: options.ownerId ?? null,
    mediaIds: options.mediaIds ?? [],
  });
  for (const seed of options.users ?? []) store.seed(seed);
  const groups = createGroupsFake(
    options.groups ?? {},
    options.groupIds ?? [fakeApi360GroupId],
    (id) => store.get(id),
  );
  const tokens = new Map<string, number>();
  /** Opaque next-page tokens: what each one continues (the listing and where). */
  const cursors = new Map<string, { readonly path: string; readonly offset: number }>();
  const requests: FakeApi360Request[] = [];
  const accepted: Record<'read' | 'write', number[]> = { read: [], write: [] };
  let faults: FakeApi360Fault[] = [];
  const started = Date.now();
  let origin = '';

  const token = (body: unknown): Answer => {
    if (field(body, 'grant_type') !== 'client_credentials')
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    const id = field(body, 'client_id');
    const secret = field(body, 'client_secret');
    if (typeof id !== 'string' || typeof secret !== 'string')
      return { status: 400, body: { error: 'invalid_request' } };
    if (options.companyId !== undefined && field(body, 'company_id') !== options.companyId)
      return { status: 400, body: { error: 'invalid_request' } };
    if (id !== clientId || secret !== clientSecret)
      return { status: 401, body: { error: 'invalid_client' } };
    const value = randomBytes(24).toString('base64url');
    const lifetime = options.expiresInSeconds ?? 3600;
    tokens.set(value, Date.now() + lifetime * 1000);
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        access_token: value,
        expires_in: options.documentedShapes === true ? String(lifetime) : lifetime,
      },
    };
  };

  /** Sliding window of one second over accepted requests, per kind. */
  const overLimit = (kind: 'read' | 'write'): boolean => {
    if (options.rateLimits === null) return false;
    const limits = options.rateLimits ?? { writesPerSecond: 10, readsPerSecond: 50 };
    const limit = kind === 'read' ? limits.readsPerSecond : limits.writesPerSecond;
    const now = Date.now();
    const window = accepted[kind].filter((at) => at > now - 1000);
    accepted[kind] = window;
    if (window.length >= limit) return true;
    window.push(now);
    return false;
  };

  /** One page, and a `Link` to the next one carrying an opaque token, as 360Learning pages. */
  const page = <T>(items: ReadonlyArray<T>, url: URL, size: number): Answer => {
    const cursor = url.searchParams.get('cursor');
    const from = cursor === null ? { path: url.pathname, offset: 0 } : cursors.get(cursor);
    // An unknown or foreign token: the document gives no code for it.
    if (from?.path !== url.pathname) return bareStatus(400);
    const end = from.offset + size;
    const body = items.slice(from.offset, end);
    if (end >= items.length) return { status: 200, body };
    const token = randomBytes(18).toString('base64url');
    cursors.set(token, { path: url.pathname, offset: end });
    const next = new URL(url.pathname, options.linkOrigin ?? origin);
    next.searchParams.set('cursor', token);
    const target = options.linkOrigin === undefined ? `${next.pathname}${next.search}` : next.href;
    return { status: 200, body, headers: { link: `<${target}>; rel="next"` } };
  };

  /** A user as answered: in documented-shapes mode with every optional field 360Learning documents. */
  const shown = (user: FakeApi360User): FakeApi360User =>
    options.documentedShapes === true
      ? {
          organization: '360Learning',
          phone: '+33123456789',
          custom: 'Half-time worker',
          primaryGroupId: fakeApi360GroupId,
          profileImageId: '507f1f77bcf86cd799439011',
          ...user,
          lastLoginDate: '2024-09-10T23:00:00.000Z',
        }
      : user;

  const listed = (): ReadonlyArray<unknown> => {
    const users = store.list().map(shown);
    if (options.documentedShapes !== true) return users;
    return users.map((user, index) => {
      if (index > 0) return user;
      return Object.fromEntries(Object.entries(user).filter(([key]) => key !== 'status'));
    });
  };

  const userAnswer = (answer: Answer): Answer => {
    if (options.documentedShapes !== true || answer.status >= 300) return answer;
    const answered = answeredId.safeParse(answer.body);
    const user = answered.success ? store.get(answered.data._id) : undefined;
    return user === undefined ? answer : { ...answer, body: shown(user) };
  };

  const route = (method: string, url: URL, body: unknown): Answer => {
    const grouped = groups.route(method, url, body, page);
    if (grouped !== null) return grouped;
    if (url.pathname === usersPath) {
      if (method === 'GET') return page(listed(), url, options.pageSize ?? 500);
      if (method === 'POST')
        return userAnswer(store.create(body, url.searchParams.get('sendInvitationEmail')));
    }
    const match = userRoute.exec(url.pathname);
    const id = match?.[1];
    // Routes and methods the document does not list: its status for "not found", no code.
    if (match === null || id === undefined) return bareStatus(404);
    const [suffix, managerId] = [match[2], match[3]];
    if (suffix === undefined) {
      if (method === 'PATCH') return userAnswer(store.patch(id, body));
      if (method === 'DELETE') return store.remove(id);
      if (method === 'GET') {
        const user = store.get(id);
        return user === undefined
          ? apiError(404, 'userNotFound')
          : userAnswer({ status: 200, body: user });
      }
    }
    if (suffix === '/activate' && method === 'PUT') return userAnswer(store.activate(id));
    if (suffix === '/managers' && method === 'GET') {
      const list = store.managersOf(id);
      if (list === undefined) return apiError(404, 'userNotFound');
      return page(list, url, options.managersPageSize ?? 1000);
    }
    if (managerId !== undefined && (method === 'POST' || method === 'DELETE'))
      return store.changeManager(id, managerId, method === 'POST');
    return bareStatus(404);
  };

  const answer = async (
    request: IncomingMessage,
    entry: FakeApi360Request,
  ): Promise<Answer | 'drop'> => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === tokenPath && entry.method === 'POST') return token(entry.body);
    // The version header is required; the document gives no code for its absence.
    if (request.headers['360-api-version'] !== 'v2.0') return bareStatus(400);
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const expiry = bearer === undefined ? undefined : tokens.get(bearer);
    if (expiry === undefined || expiry <= Date.now())
      return { status: 401, body: { error: 'invalid_token' } };
    const write = entry.method !== 'GET';
    const scopes = options.scopes ?? [
      'users:read',
      'users:write',
      'groups:read',
      'groups:write',
      'customFields:read',
    ];
    const extra = write ? undefined : options.routes?.find((r) => r.path === url.pathname);
    const needed =
      extra?.scope ??
      groups.scopeFor(entry.method, url.pathname) ??
      (write ? 'users:write' : 'users:read');
    if (!scopes.includes(needed))
      return { status: 403, body: { error: { code: 'invalid_scope', message: 'Missing scope.' } } };
    const fault = faults.shift();
    if (fault === 'drop') return 'drop';
    if (fault !== undefined)
      return fault === 429
        ? { status: 429, body: { error: 'tooManyRequests' } }
        : bareStatus(fault);
    if (overLimit(write ? 'write' : 'read'))
      return { status: 429, body: { error: 'tooManyRequests' } };
    if (extra !== undefined) return extra.answer(url, (items, size) => page(items, url, size));
    return route(entry.method, url, entry.body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', origin);
    const entry: FakeApi360Request = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(request),
      body: await readBody(request),
      at: Date.now() - started,
      status: 0,
    };
    requests.push(entry);
    const result = await answer(request, entry);
    if (result === 'drop') {
      entry.status = 'drop';
      request.socket.destroy();
      return;
    }
    entry.status = result.status;
    const headers = { ...result.headers };
    if (result.body === undefined) {
      response.writeHead(result.status, headers).end();
      return;
    }
    response
      .writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(result.body));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

  return {
    url: origin,
    clientId,
    clientSecret,
    requests,
    writes: () => requests.filter((entry) => entry.method !== 'GET' && entry.path !== tokenPath),
    users: () => store.list(),
    user: (id) => store.get(id),
    userByMail: (mail) =>
      store
        .list()
        .filter((user) => user.mail?.toLowerCase() === mail.toLowerCase())
        .sort((a, b) => Number(a.status === 'deleted') - Number(b.status === 'deleted'))[0],
    managersOf: (id) => store.managersOf(id),
    invitations: () => store.invitations(),
    addUser: (seed) => store.seed(seed),
    expireTokens: () => {
      for (const value of tokens.keys()) tokens.set(value, 0);
    },
    setFaults: (list) => {
      faults = [...list];
    },
    groups: groups.fake,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
