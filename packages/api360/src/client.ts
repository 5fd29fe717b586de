import { createHostLimiter, nextLinkUrl, type HostLimiter, type HttpMethod } from '@sync360/http';
import type { z } from 'zod';
import { groupCalls, type Api360GroupCalls } from './groups.js';
import { api360ErrorHints, shownStatus } from './error-codes.js';
import {
  createdUserSchema,
  listSchema,
  managerIdsPageSchema,
  readUser,
  type Api360User,
  type UnreadableUser,
} from './schemas.js';
import type { Api360Settings } from './settings.js';
import { apiVersionHeader, createTokenSource } from './token.js';
import { api360Failed, createTransport, describeStatus, type HttpResponse } from './transport.js';

/** A per-user 4xx (other than 401/403): that user's rejection, not the run's failure. */
export interface Api360Rejection {
  readonly ok: false;
  readonly status: number;
  /** 360Learning's error code, e.g. `mailAlreadyUsed`, or null when the body had none. */
  readonly code: string | null;
}

export type Api360Result<T> = { readonly ok: true; readonly value: T } | Api360Rejection;

export interface CreateUserBody {
  readonly mail: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly job?: string;
  readonly lang?: string;
  readonly membership: { readonly groupId: string; readonly role: 'learner' };
}

export interface UserPatch {
  readonly mail?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly job?: string;
  readonly lang?: string;
}

/** The users of the company: those sync360 can read, and those it cannot (never written to). */
export interface Api360Users {
  readonly users: Api360User[];
  readonly unreadable: UnreadableUser[];
}

const readUsers = (items: ReadonlyArray<unknown>): Api360Users => {
  const read: Api360Users = { users: [], unreadable: [] };
  for (const item of items) {
    const user = readUser(item);
    if (user.readable) read.users.push(user.user);
    else read.unreadable.push(user.unreadable);
  }
  return read;
};

export interface Api360Client extends Api360GroupCalls {
  /** Gets an access token (`doctor`); every other call does it by itself. */
  authenticate(): Promise<void>;
  /** Every user of the company (all statuses), following the `Link` pages. */
  listUsers(): Promise<Api360Users>;
  /** One page of users and whether another follows (`doctor`). */
  firstUsersPage(): Promise<Api360Users & { more: boolean }>;
  listManagers(userId: string): Promise<Api360Result<string[]>>;
  /**
   * 201 creates an invited user; 200 restores a deleted user with that mail (`restored`).
   * `userId` is null when the answer carries no readable `_id`.
   */
  createUser(
    body: CreateUserBody,
    sendInvitationEmail: boolean,
  ): Promise<Api360Result<{ userId: string | null; restored: boolean }>>;
  updateUser(userId: string, patch: UserPatch): Promise<Api360Result<null>>;
  deleteUser(userId: string): Promise<Api360Result<null>>;
  activateUser(userId: string): Promise<Api360Result<null>>;
  addManager(userId: string, managerId: string): Promise<Api360Result<null>>;
  removeManager(userId: string, managerId: string): Promise<Api360Result<null>>;
  /**
   * Every page of another list endpoint (`path` with its `query`), following the `Link` pages;
   * a 4xx on the first page resolves as a rejection.
   */
  readList<T>(
    path: string,
    query: Readonly<Record<string, string>>,
    what: string,
    schema: z.ZodType<T[]>,
  ): Promise<Api360Result<T[]>>;
}

export interface Api360ClientOptions {
  /** Clock for the token's lifetime (tests move it forward). */
  readonly now?: () => number;
  readonly progress?: (line: string) => void;
}

interface Call {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly what: string;
  readonly body?: unknown;
}

export const createApi360Client = (
  settings: Api360Settings,
  options: Api360ClientOptions = {},
): Api360Client => {
  const progress = options.progress ?? (() => undefined);
  const send = createTransport(settings, progress);
  const tokens = createTokenSource(settings, send, options.now ?? Date.now);
  const reads = createHostLimiter(settings.readsPerSecond, 1000);
  const writes = createHostLimiter(settings.writesPerSecond, 1000);
  const origin = new URL(settings.baseUrl).origin;
  const url = (path: string): URL => new URL(path, settings.baseUrl);

  /** A non-transient answer other than 401/403; refreshes the token once on `invalid_token`. */
  const call = async ({ method, url: target, what, body }: Call): Promise<HttpResponse> => {
    const limiter: HostLimiter = method === 'GET' ? reads : writes;
    let token = await tokens.get();
    for (let refreshed = false; ; refreshed = true) {
      const response = await send(
        {
          method,
          url: target.href,
          headers: {
            ...apiVersionHeader,
            authorization: `Bearer ${token}`,
            accept: 'application/json',
          },
          ...(body === undefined ? {} : { body }),
        },
        what,
        limiter,
      );
      if (response.status === 401 && response.errorCode === 'invalid_token' && !refreshed) {
        token = await tokens.get(token);
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        throw api360Failed(
          `360Learning refused the credentials: ${what}: ${describeStatus(response)}`,
          response.status === 403
            ? api360ErrorHints.invalid_scope.hint
            : api360ErrorHints.invalid_token.hint,
          { status: response.status, apiCode: response.errorCode },
        );
      }
      return response;
    }
  };

  const unexpected = (what: string, response: HttpResponse): Error =>
    api360Failed(
      `360Learning API: ${what}: unexpected answer ${describeStatus(response)}`,
      'check API360_BASE_URL points at 360Learning itself; report the message if it persists',
      { status: response.status, apiCode: response.errorCode },
    );

  const parseBody = <T>(schema: z.ZodType<T>, what: string, response: HttpResponse): T => {
    const parsed = schema.safeParse(response.body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw api360Failed(
      `360Learning API: ${what}: the answer does not have the documented shape (${issue === undefined ? 'no detail' : `${issue.path.join('.') || 'body'}: ${issue.code}`})`,
      'check API360_BASE_URL points at 360Learning itself; report the message if it persists',
      { status: response.status },
    );
  };

  const nextOf = (response: HttpResponse, seen: Set<string>): URL | null => {
    const next = nextLinkUrl(response.link, settings.baseUrl);
    if (next === null) return null;
    if (next.origin !== origin)
      throw api360Failed(
        `360Learning's next-page link points at another origin (${next.origin}): refused, the token only goes to ${origin}`,
        'check API360_BASE_URL is the platform 360Learning gave you (a proxy may be rewriting links)',
      );
    if (seen.has(next.href))
      throw api360Failed(
        "360Learning's next-page link repeats an earlier page: paging stopped",
        'run again later; report it to 360Learning if it persists',
      );
    seen.add(next.href);
    return next;
  };

  /** Reads every page; resolves with null when the first page is a per-user 4xx. */
  const readAll = async <T>(
    first: URL,
    what: string,
    schema: z.ZodType<T[]>,
  ): Promise<Api360Result<T[]>> => {
    const items: T[] = [];
    const seen = new Set([first.href]);
    for (let page: URL | null = first; page !== null;) {
      const response = await call({ method: 'GET', url: page, what });
      if (response.status !== 200) {
        if (response.status >= 400 && response.status < 500 && items.length === 0)
          return { ok: false, status: response.status, code: response.errorCode };
        throw unexpected(what, response);
      }
      items.push(...parseBody(schema, what, response));
      page = nextOf(response, seen);
    }
    return { ok: true, value: items };
  };

  const write = async (
    call_: Call,
    expected: ReadonlyArray<number>,
  ): Promise<Api360Result<HttpResponse>> => {
    const response = await call(call_);
    if (expected.includes(response.status)) return { ok: true, value: response };
    if (response.status >= 400 && response.status < 500)
      return { ok: false, status: response.status, code: response.errorCode };
    throw unexpected(call_.what, response);
  };

  const noContent = async (call_: Call): Promise<Api360Result<null>> => {
    const result = await write(call_, [200, 204]);
    return result.ok ? { ok: true, value: null } : result;
  };

  const usersPath = '/api/v2/users';
  const userUrl = (userId: string, suffix = ''): URL =>
    url(`${usersPath}/${encodeURIComponent(userId)}${suffix}`);

  return {
    ...groupCalls({ url, readAll, write }),
    authenticate: async () => {
      await tokens.get();
    },
    listUsers: async () => {
      const result = await readAll(url(usersPath), 'listing users', listSchema);
      if (!result.ok)
        throw api360Failed(
          `360Learning API: listing users: ${shownStatus(result.status, result.code)}`,
          'check API360_BASE_URL (https://app.360learning.com or https://app.us.360learning.com)',
          { status: result.status, apiCode: result.code },
        );
      return readUsers(result.value);
    },
    firstUsersPage: async () => {
      const what = 'reading the first page of users';
      const response = await call({ method: 'GET', url: url(usersPath), what });
      if (response.status !== 200) throw unexpected(what, response);
      return {
        ...readUsers(parseBody(listSchema, what, response)),
        more: nextOf(response, new Set()) !== null,
      };
    },
    listManagers: (userId) =>
      readAll(userUrl(userId, '/managers'), "reading a user's managers", managerIdsPageSchema),
    createUser: async (body, sendInvitationEmail) => {
      const target = url(usersPath);
      target.searchParams.set('sendInvitationEmail', String(sendInvitationEmail));
      const what = 'creating a user';
      const result = await write({ method: 'POST', url: target, what, body }, [200, 201]);
      if (!result.ok) return result;
      // Read for the id only; an answer without one leaves the row's later operations undone.
      const created = createdUserSchema.safeParse(result.value.body);
      const userId = created.success ? created.data._id : null;
      return { ok: true, value: { userId, restored: result.value.status === 200 } };
    },
    updateUser: async (userId, patch) => {
      const what = 'updating a user';
      const result = await write(
        { method: 'PATCH', url: userUrl(userId), what, body: patch },
        [200],
      );
      return result.ok ? { ok: true, value: null } : result;
    },
    deleteUser: (userId) =>
      noContent({ method: 'DELETE', url: userUrl(userId), what: 'deleting a user' }),
    activateUser: (userId) =>
      noContent({ method: 'PUT', url: userUrl(userId, '/activate'), what: 'activating a user' }),
    addManager: (userId, managerId) =>
      noContent({
        method: 'POST',
        url: userUrl(userId, `/managers/${encodeURIComponent(managerId)}`),
        what: 'adding a manager',
      }),
    readList: (path, query, what, schema) => {
      const target = url(path);
      for (const [name, value] of Object.entries(query)) target.searchParams.set(name, value);
      return readAll(target, what, schema);
    },
    removeManager: (userId, managerId) =>
      noContent({
        method: 'DELETE',
        url: userUrl(userId, `/managers/${encodeURIComponent(managerId)}`),
        what: 'removing a manager',
      }),
  };
};
