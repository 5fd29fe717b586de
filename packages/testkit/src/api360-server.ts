import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  apiError,
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
  close(): Promise<void>;
}

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
  });
  for (const seed of options.users ?? []) store.seed(seed);
  const tokens = new Map<string, number>();
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
      body: { token_type: 'Bearer', access_token: value, expires_in: lifetime },
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

  const page = <T>(items: ReadonlyArray<T>, url: URL, size: number): Answer => {
    const number = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
    const body = items.slice((number - 1) * size, number * size);
    if (number * size >= items.length) return { status: 200, body };
    const next = new URL(url.pathname, options.linkOrigin ?? origin);
    next.searchParams.set('page', String(number + 1));
    const target = options.linkOrigin === undefined ? `${next.pathname}${next.search}` : next.href;
    return { status: 200, body, headers: { link: `<${target}>; rel="next"` } };
  };

  const route = (method: string, url: URL, body: unknown): Answer => {
    if (url.pathname === usersPath) {
      if (method === 'GET') return page(store.list(), url, options.pageSize ?? 500);
      if (method === 'POST') return store.create(body, url.searchParams.get('sendInvitationEmail'));
    }
    const match = userRoute.exec(url.pathname);
    const id = match?.[1];
    if (match === null || id === undefined) return apiError(404, 'notFound');
    const [suffix, managerId] = [match[2], match[3]];
    if (suffix === undefined) {
      if (method === 'PATCH') return store.patch(id, body);
      if (method === 'DELETE') return store.remove(id);
      if (method === 'GET') {
        const user = store.get(id);
        return user === undefined ? apiError(404, 'userNotFound') : { status: 200, body: user };
      }
    }
    if (suffix === '/activate' && method === 'PUT') return store.activate(id);
    if (suffix === '/managers' && method === 'GET') {
      const list = store.managersOf(id);
      if (list === undefined) return apiError(404, 'userNotFound');
      return page(list, url, options.managersPageSize ?? 1000);
    }
    if (managerId !== undefined && (method === 'POST' || method === 'DELETE'))
      return store.changeManager(id, managerId, method === 'POST');
    return apiError(405, 'methodNotAllowed');
  };

  const answer = async (
    request: IncomingMessage,
    entry: FakeApi360Request,
  ): Promise<Answer | 'drop'> => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === tokenPath && entry.method === 'POST') return token(entry.body);
    if (request.headers['360-api-version'] !== 'v2.0') return apiError(400, 'invalidApiVersion');
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const expiry = bearer === undefined ? undefined : tokens.get(bearer);
    if (expiry === undefined || expiry <= Date.now())
      return { status: 401, body: { error: 'invalid_token' } };
    const write = entry.method !== 'GET';
    const scopes = options.scopes ?? ['users:read', 'users:write'];
    const extra = write ? undefined : options.routes?.find((r) => r.path === url.pathname);
    if (!scopes.includes(extra?.scope ?? (write ? 'users:write' : 'users:read')))
      return { status: 403, body: { error: { code: 'invalid_scope', message: 'Missing scope.' } } };
    const fault = faults.shift();
    if (fault === 'drop') return 'drop';
    if (fault !== undefined)
      return {
        status: fault,
        body: { error: fault === 429 ? 'tooManyRequests' : 'internalError' },
      };
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
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
