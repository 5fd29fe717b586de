import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerSingleUser, faultReply, type LuccaFault } from './lucca-answers.js';
import { isFormerEmployee, pageOf, projectFields, readPaging } from './lucca-paging.js';
import { makeLuccaDefinitions } from './lucca-users.js';

export * from './lucca-users.js';

export type { LuccaFault } from './lucca-answers.js';

export interface FakeLuccaOptions {
  /** The key the fake accepts as `Authorization: lucca application=<key>`; default `test-lucca-key-5f2c9a`. */
  readonly apiKey?: string;
  /**
   * The only key allowed to `PUT /api/v3/users/{id}` (it may read too); default
   * `test-lucca-write-key-7d41`. The read key gets 403 on a write, as a key without the edit right.
   */
  readonly writeApiKey?: string;
  /** The list field writes go to (`extendedData` key); default `e_360_status`. */
  readonly statusField?: string;
  /** Items of `/api/v3/users`, any shape (bad items test the client's parsing). */
  readonly users?: ReadonlyArray<unknown>;
  /** Items of `/api/v3/extensionuserdefinitions`; default `makeLuccaDefinitions()`. */
  readonly definitions?: ReadonlyArray<unknown>;
  /** Answer the definitions route with this status instead (e.g. 403: key without that right). */
  readonly definitionsStatus?: number;
  /** Scripted faults for `/api/v3/users`, one per request, in order. */
  readonly faults?: ReadonlyArray<LuccaFault>;
  readonly definitionsFaults?: ReadonlyArray<LuccaFault>;
  /** Scripted faults for `PUT /api/v3/users/{id}`. */
  readonly writeFaults?: ReadonlyArray<LuccaFault>;
  /** Answer every users page from offset 0 with 1000 users, whatever `paging` says. */
  readonly ignorePaging?: boolean;
  /** Users never end: any page is full of new users (`makeLuccaUser` at each offset). */
  readonly endless?: boolean;
  /** Answer writes 200 but keep nothing (a read-back must notice). */
  readonly ignoreWrites?: boolean;
  /**
   * `Retry-After` sent with 429: seconds, a raw header value such as an HTTP date, or one made
   * from the moment of the answer (an HTTP date a little later). Default 1.
   */
  readonly retryAfter?: number | string | ((now: Date) => string);
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
  /** More endpoints on the same tenant (e.g. the Training API of `lucca-training.ts`). */
  readonly extraRoutes?: FakeLuccaRoutes;
}

/** Answers a request it knows (status and JSON body), or null to let the users API answer. */
export type FakeLuccaRoutes = (request: {
  readonly method: string;
  readonly url: URL;
  readonly authorization: string;
  readonly body: string;
}) => { readonly status: number; readonly body: unknown } | null;

export interface LuccaRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  /** Request body as sent (writes). */
  body: string;
  /** Milliseconds since the server started. */
  readonly at: number;
  /** Status sent, or the fault name for `timeout` / `drop`. */
  answer: string;
  /** The `Retry-After` header sent with a 429. */
  retryAfter?: string;
}

export interface FakeLucca {
  readonly url: string;
  readonly apiKey: string;
  readonly requests: LuccaRequest[];
  readonly writeApiKey: string;
  /** `Date.now()` when the server started: a request's `at` is counted from it. */
  readonly startedAt: number;
  /** Requests to `/api/v3/users` only. */
  usersRequests(): LuccaRequest[];
  /** The users as they are now (writes included). */
  users(): ReadonlyArray<unknown>;
  setUsers(users: ReadonlyArray<unknown>): void;
  setFaults(faults: ReadonlyArray<LuccaFault>, route?: FaultRoute): void;
  update(options: Omit<FakeLuccaOptions, 'apiKey'>): void;
  close(): Promise<void>;
}

type FaultRoute = 'users' | 'definitions' | 'write';

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

/**
 * A local fake of Lucca API v3 on 127.0.0.1, random port: users (paged, or misbehaving on
 * request), one user read and written by id, and the custom field definitions.
 */
export const startFakeLucca = async (options: FakeLuccaOptions = {}): Promise<FakeLucca> => {
  const apiKey = options.apiKey ?? 'test-lucca-key-5f2c9a';
  const writeApiKey = options.writeApiKey ?? 'test-lucca-write-key-7d41';
  let state: Omit<FakeLuccaOptions, 'apiKey'> = { ...options };
  let faults: Record<FaultRoute, LuccaFault[]> = {
    users: [...(options.faults ?? [])],
    definitions: [...(options.definitionsFaults ?? [])],
    write: [...(options.writeFaults ?? [])],
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
    fault: Exclude<LuccaFault, 'ok'>,
    request: IncomingMessage,
    response: ServerResponse,
    entry: LuccaRequest,
  ): void => {
    entry.answer = fault;
    const { retryAfter = 1 } = state;
    const header = typeof retryAfter === 'function' ? retryAfter(new Date()) : retryAfter;
    if (fault === '429') entry.retryAfter = String(header);
    const reply = faultReply(fault, header);
    if (reply === 'drop') request.socket.destroy();
    else if (reply !== 'timeout') send(response, reply.status, reply.body, reply.headers);
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
    const items = pageOf(visibleUsers(withFormer), paging, state).map((user) =>
      projectFields(user, url.searchParams.get('fields')),
    );
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
      body: '',
      at: Date.now() - started,
      answer: '',
    };
    requests.push(entry);
    for await (const chunk of request) entry.body += String(chunk);
    if ((state.latencyMs ?? 0) > 0) await wait(state.latencyMs ?? 0);
    const extra = state.extraRoutes?.({
      method: entry.method,
      url,
      authorization: request.headers.authorization ?? '',
      body: entry.body,
    });
    if (extra !== undefined && extra !== null) {
      entry.answer = String(extra.status);
      return send(response, extra.status, JSON.stringify(extra.body));
    }
    if (url.pathname.startsWith(`${usersPath}/`)) {
      const write = entry.method === 'PUT' ? faults.write.shift() : undefined;
      if (write !== undefined && write !== 'ok') return applyFault(write, request, response, entry);
      const answer = answerSingleUser({
        luccaId: decodeURIComponent(url.pathname.slice(usersPath.length + 1)),
        method: entry.method,
        fields: url.searchParams.get('fields'),
        authorization: request.headers.authorization ?? '',
        keys: { read: apiKey, write: writeApiKey },
        statusField: state.statusField ?? 'e_360_status',
        users: state.users ?? [],
        definitions: state.definitions ?? makeLuccaDefinitions(),
        body: entry.body,
      });
      if (answer.users !== undefined && state.ignoreWrites !== true)
        state = { ...state, users: answer.users };
      entry.answer = String(answer.status);
      return send(response, answer.status, JSON.stringify(answer.body));
    }
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
    const authorization = request.headers.authorization;
    if (
      authorization !== `lucca application=${apiKey}` &&
      authorization !== `lucca application=${writeApiKey}`
    ) {
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
    writeApiKey,
    startedAt: started,
    requests,
    usersRequests: () => requests.filter((entry) => entry.path === usersPath),
    users: () => state.users ?? [],
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
      if (changes.writeFaults !== undefined)
        faults = { ...faults, write: [...changes.writeFaults] };
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
