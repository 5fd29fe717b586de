import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  closeServer,
  listenLocal,
  parseSlackBody,
  readSlackBody,
  sendSlackJson,
  sleepMs,
} from './slack-http.js';

/**
 * A local fake of the Slack Web API methods sync360 calls, on 127.0.0.1 with a random port.
 * Point `@slack/web-api`'s `slackApiUrl` (or `SLACK_API_URL`) at `url`.
 *
 * Methods: `auth.test`, `chat.postMessage` (refuses more than 50 blocks like Slack:
 * `invalid_blocks`; no channel: `channel_not_found`), `chat.postEphemeral`, `views.publish`;
 * anything else answers `{ ok: false, error: 'unknown_method' }`. Wrong token (when `token` is
 * set) -> `invalid_auth`. Every call is recorded with its parsed body (tokens are not recorded).
 */
export interface FakeSlackOptions {
  readonly teamName?: string;
  readonly teamId?: string;
  readonly botUserId?: string;
  /** When set, every call must carry this bot token (header or `token` field). */
  readonly token?: string;
  readonly delayMs?: number;
}

export interface FakeSlackCall {
  readonly method: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly authorized: boolean;
}

/** HTTP `status` (e.g. 500) with no Slack body, or a Slack `{ ok: false, error }` answer. */
export type FakeSlackFailure = { readonly status: number } | { readonly error: string };

export interface FakeSlackFailureOptions {
  /** Only this method fails; default every method. */
  readonly method?: string;
  /** Fail this many calls, then answer normally again; default forever. */
  readonly times?: number;
}

export interface FakeSlack {
  /** Base Web API URL with its trailing slash, e.g. `http://127.0.0.1:41234/api/`. */
  readonly url: string;
  readonly teamName: string;
  readonly calls: FakeSlackCall[];
  callsTo(method: string): FakeSlackCall[];
  failWith(failure: FakeSlackFailure | null, options?: FakeSlackFailureOptions): void;
  setDelayMs(ms: number): void;
  close(): Promise<void>;
}

interface ActiveFailure {
  readonly failure: FakeSlackFailure;
  readonly method: string | null;
  remaining: number;
}

const tokenOf = (req: IncomingMessage, body: Readonly<Record<string, unknown>>): string | null => {
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return typeof body.token === 'string' ? body.token : null;
};

export const startFakeSlack = async (options: FakeSlackOptions = {}): Promise<FakeSlack> => {
  const teamName = options.teamName ?? 'Acme HR';
  const teamId = options.teamId ?? 'T0ACME';
  const botUserId = options.botUserId ?? 'U0SYNC360';
  const calls: FakeSlackCall[] = [];
  let delayMs = options.delayMs ?? 0;
  let active: ActiveFailure | null = null;
  let nextTs = 1_700_000_000;

  const takeFailure = (method: string): FakeSlackFailure | null => {
    if (active === null || (active.method !== null && active.method !== method)) return null;
    const current = active;
    current.remaining -= 1;
    if (current.remaining <= 0) active = null;
    return current.failure;
  };

  const answer = (
    res: ServerResponse,
    method: string,
    body: Readonly<Record<string, unknown>>,
  ): void => {
    const ok = (extra: Record<string, unknown>): void =>
      sendSlackJson(res, 200, { ok: true, ...extra });
    const fail = (error: string): void => sendSlackJson(res, 200, { ok: false, error });
    nextTs += 1;
    const ts = `${String(nextTs)}.000100`;
    switch (method) {
      case 'auth.test':
        return ok({
          url: `https://${teamName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.slack.com/`,
          team: teamName,
          user: 'sync360',
          team_id: teamId,
          user_id: botUserId,
          bot_id: 'B0SYNC360',
          is_enterprise_install: false,
        });
      case 'chat.postMessage': {
        if (typeof body.channel !== 'string' || body.channel === '')
          return fail('channel_not_found');
        if (body.blocks !== undefined && (!Array.isArray(body.blocks) || body.blocks.length > 50))
          return fail('invalid_blocks');
        if (body.text === undefined && body.blocks === undefined) return fail('no_text');
        return ok({ channel: body.channel, ts, message: { type: 'message', text: body.text, ts } });
      }
      case 'chat.postEphemeral':
        if (typeof body.channel !== 'string' || typeof body.user !== 'string')
          return fail('channel_not_found');
        return ok({ message_ts: ts });
      case 'views.publish':
        if (typeof body.user_id !== 'string') return fail('invalid_arguments');
        return ok({ view: { id: `V${String(nextTs)}`, team_id: teamId, type: 'home' } });
      default:
        return fail('unknown_method');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = url.pathname.replace(/^\/api\//, '');
    const body = parseSlackBody(await readSlackBody(req), req.headers['content-type']);
    const authorized = options.token === undefined || tokenOf(req, body) === options.token;
    const recorded = Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'token'));
    calls.push({ method, body: recorded, authorized });
    if (delayMs > 0) await sleepMs(delayMs);
    const failure = takeFailure(method);
    if (failure !== null) {
      if ('status' in failure) {
        res.writeHead(failure.status, { 'content-type': 'text/plain' }).end('fake Slack failure');
        return;
      }
      return sendSlackJson(res, 200, { ok: false, error: failure.error });
    }
    if (!authorized) return sendSlackJson(res, 200, { ok: false, error: 'invalid_auth' });
    answer(res, method, body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendSlackJson(res, 500, {
          ok: false,
          error: error instanceof Error ? error.message : 'fake',
        });
    });
  });
  const port = await listenLocal(server);

  return {
    url: `http://127.0.0.1:${String(port)}/api/`,
    teamName,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    failWith: (failure, failOptions = {}) => {
      active =
        failure === null
          ? null
          : {
              failure,
              method: failOptions.method ?? null,
              remaining: failOptions.times ?? Number.POSITIVE_INFINITY,
            };
    },
    setDelayMs: (ms) => {
      delayMs = ms;
    },
    close: () => closeServer(server),
  };
};
