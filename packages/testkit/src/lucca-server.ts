import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isFormerEmployee, projectFields, readPaging } from './lucca-paging.js';
import { makeLuccaDefinitions } from './lucca-users.js';

export { luccaMaxPageSize } from './lucca-paging.js';
export * from './lucca-users.js';

/**
 * One scripted answer, consumed in order per route: an HTTP error status, `timeout` (never
 * answers), `malformed` (200 with truncated JSON), `html` (200 with a login page), `shape`
 * (200 with JSON of the wrong shape), `drop` (socket closed without an answer), or `ok` (answers
 * normally: places the next fault later in the script).
 */
export type LuccaFault =
  | 'ok'
  | '408'
  | '429'
  | '500'
  | '502'
  | '503'
  | 'timeout'
  | 'malformed'
  | 'html'
  | 'shape'
  | 'drop';

export interface FakeLuccaOptions {
  /** The key the fake accepts as `Authorization: lucca application=<key>`; default `test-lucca-key-5f2c9a`. */
  readonly apiKey?: string;
  /** Items of `/api/v3/users`, any shape (bad items test the client's parsing). */
  readonly users?: ReadonlyArray<unknown>;
  /** Items of `/api/v3/extensionuserdefinitions`; default `makeLuccaDefinitions()`. */
  readonly definitions?: ReadonlyArray<unknown>;
  /** Answer the definitions route with this status instead (e.g. 403: key without that right). */
  readonly definitionsStatus?: number;
  /** Scripted faults for `/api/v3/users`, one per request, in order. */
  readonly faults?: ReadonlyArray<LuccaFault>;
  readonly definitionsFaults?: ReadonlyArray<LuccaFault>;
  /** `Retry-After` sent with 429: seconds, or a raw header value such as an HTTP date. Default 1. */
  readonly retryAfter?: number | string;
  /** Delay before every answer, in ms. */
  readonly latencyMs?: number;
  /** Every authorised request gets this status (e.g. 500). */
  readonly alwaysFail?: number;
  /** Pages larger than this get 408, as Lucca answers requests that take over 5 s. */
  readonly maxFastPageSize?: number;
  /** The key may not see former employees, whatever `formerEmployees=true` says. */
  readonly hideFormerEmployees?: boolean;
  /** Date deciding who is a former employee; default `2026-01-15`. */
  readonly today?: string;
}

export interface LuccaRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  /** Milliseconds since the server started. */
  readonly at: number;
  /** Status sent, or the fault name for `timeout` / `drop`. */
  answer: string;
}

export interface FakeLucca {
  readonly url: string;
  readonly apiKey: string;
  readonly requests: LuccaRequest[];
  /** Requests to `/api/v3/users` only. */
  usersRequests(): LuccaRequest[];
  setUsers(users: ReadonlyArray<unknown>): void;
  setFaults(faults: ReadonlyArray<LuccaFault>, route?: 'users' | 'definitions'): void;
  update(options: Omit<FakeLuccaOptions, 'apiKey'>): void;
  close(): Promise<void>;
}

const usersPath = '/api/v3/users';
const definitionsPath = '/api/v3/extensionuserdefinitions';

const flatHeaders = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
    ),
  );

const send = (
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void => {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(body);
};

const sendError = (
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void => send(response, status, JSON.stringify({ error: { status, message } }), headers);

/** A local fake of Lucca API v3 (users + custom field definitions) on 127.0.0.1, random port. */
export const startFakeLucca = async (options: FakeLuccaOptions = {}): Promise<FakeLucca> => {
  const apiKey = options.apiKey ?? 'test-lucca-key-5f2c9a';
  let state: Omit<FakeLuccaOptions, 'apiKey'> = { ...options };
  let faults: Record<'users' | 'definitions', LuccaFault[]> = {
    users: [...(options.faults ?? [])],
    definitions: [...(options.definitionsFaults ?? [])],
  };
  const requests: LuccaRequest[] = [];
  const started = Date.now();
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  // Who a request may see, computed once per state (paging 20,000 users stays cheap).
  let visibleCache: {
    readonly of: typeof state;
    readonly withFormer: boolean;
    readonly users: ReadonlyArray<unknown>;
  } | null = null;
  const visibleUsers = (withFormer: boolean): ReadonlyArray<unknown> => {
    if (visibleCache?.of === state && visibleCache.withFormer === withFormer)
      return visibleCache.users;
    const today = state.today ?? '2026-01-15';
    const users = (state.users ?? []).filter(
      (user) => withFormer || !isFormerEmployee(user, today),
    );
    visibleCache = { of: state, withFormer, users };
    return users;
  };

  const applyFault = (
    fault: LuccaFault,
    request: IncomingMessage,
    response: ServerResponse,
    entry: LuccaRequest,
  ): void => {
    entry.answer = fault;
    if (fault === 'timeout') return;
    if (fault === 'drop') {
      request.socket.destroy();
      return;
    }
    if (fault === 'malformed')
      return send(response, 200, '{"data":{"items":[{"id":1001,"firstName":"Cam');
    if (fault === 'html')
      return send(response, 200, '<!DOCTYPE html><html><body>Please log in</body></html>', {
        'content-type': 'text/html',
      });
    if (fault === 'shape') return send(response, 200, JSON.stringify({ data: { users: [] } }));
    const status = Number(fault);
    const retryAfter =
      status === 429 ? { 'retry-after': String(state.retryAfter ?? 1) } : undefined;
    return sendError(
      response,
      status,
      status === 429
        ? 'Too many requests'
        : status === 408
          ? 'Request timeout'
          : 'Internal server error',
      retryAfter,
    );
  };

  const answerUsers = (url: URL, response: ServerResponse, entry: LuccaRequest): void => {
    const paging = readPaging(url.searchParams.get('paging'));
    if (!paging.ok) {
      entry.answer = '400';
      return sendError(response, 400, paging.message);
    }
    if (state.maxFastPageSize !== undefined && paging.limit > state.maxFastPageSize) {
      entry.answer = '408';
      return sendError(response, 408, 'The request took longer than 5 seconds');
    }
    const withFormer =
      url.searchParams.get('formerEmployees') === 'true' && state.hideFormerEmployees !== true;
    const items = visibleUsers(withFormer)
      .slice(paging.offset, paging.offset + paging.limit)
      .map((user) => projectFields(user, url.searchParams.get('fields')));
    entry.answer = '200';
    return send(response, 200, JSON.stringify({ header: { principal: 'fake' }, data: { items } }));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const entry: LuccaRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(request),
      at: Date.now() - started,
      answer: '',
    };
    requests.push(entry);
    if ((state.latencyMs ?? 0) > 0) await wait(state.latencyMs ?? 0);
    const route =
      url.pathname === usersPath
        ? 'users'
        : url.pathname === definitionsPath
          ? 'definitions'
          : null;
    if (route === null || entry.method !== 'GET') {
      entry.answer = route === null ? '404' : '405';
      return sendError(response, route === null ? 404 : 405, 'Not found');
    }
    if (request.headers.authorization !== `lucca application=${apiKey}`) {
      entry.answer = '401';
      return sendError(response, 401, 'Unauthorized: invalid or missing API key');
    }
    if (state.alwaysFail !== undefined) {
      entry.answer = String(state.alwaysFail);
      return sendError(response, state.alwaysFail, 'Scripted failure');
    }
    const fault = faults[route].shift();
    if (fault !== undefined && fault !== 'ok') return applyFault(fault, request, response, entry);
    if (route === 'users') return answerUsers(url, response, entry);
    const status = state.definitionsStatus ?? 200;
    entry.answer = String(status);
    if (status !== 200) return sendError(response, status, 'Forbidden');
    return send(
      response,
      200,
      JSON.stringify({ data: { items: state.definitions ?? makeLuccaDefinitions() } }),
    );
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => sendError(response, 500, 'fake crashed'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    usersRequests: () => requests.filter((entry) => entry.path === usersPath),
    setUsers: (users) => {
      state = { ...state, users };
    },
    setFaults: (list, route = 'users') => {
      faults = { ...faults, [route]: [...list] };
    },
    update: (changes) => {
      state = { ...state, ...changes };
      if (changes.faults !== undefined) faults = { ...faults, users: [...changes.faults] };
      if (changes.definitionsFaults !== undefined)
        faults = { ...faults, definitions: [...changes.definitionsFaults] };
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
