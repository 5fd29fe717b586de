import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  closeServer,
  listenLocal,
  parseSlackBody,
  readSlackBody,
  sendSlackJson,
  sleepMs,
} from './slack-http.js';
import type { SentPayload } from './slack-privacy.js';

/**
 * A local fake of the Slack Web API methods sync360 calls, on 127.0.0.1 with a random port.
 * Point `@slack/web-api`'s `slackApiUrl` (or `SLACK_API_URL`) at `url`.
 *
 * Methods: `auth.test`, `chat.postMessage` (refuses more than 50 blocks like Slack:
 * `invalid_blocks`; no channel: `channel_not_found`; a channel the bot is not in:
 * `not_in_channel`; an unknown `thread_ts`: `thread_not_found`), `chat.update` (only messages it
 * posted: else `message_not_found`), `chat.postEphemeral`, `views.publish`,
 * `conversations.info` (see `channels`), `apps.connections.open` (with `socketModeUrl`); anything else answers `{ ok: false, error:
 * 'unknown_method' }`. Wrong token (when `token` is set) -> `invalid_auth`. Every call is
 * recorded with its parsed body (tokens are not recorded).
 */
export interface FakeChannel {
  /** A private channel (`is_private`); default false. */
  readonly private?: boolean;
  /** Shared with another organisation (`is_ext_shared`); default false. */
  readonly extShared?: boolean;
  /** The bot is a member (`is_member`); default true. */
  readonly member?: boolean;
  /** `conversations.info` cannot see it (a private channel the bot is not in). */
  readonly hidden?: boolean;
}

export interface FakeSlackOptions {
  readonly teamName?: string;
  readonly teamId?: string;
  readonly botUserId?: string;
  /** When set, every call must carry this bot token (header or `token` field). */
  readonly token?: string;
  readonly delayMs?: number;
  /** What `conversations.info` says of each channel; any other channel is public, bot a member. */
  readonly channels?: Readonly<Record<string, FakeChannel>>;
  /** `apps.connections.open` answers this Socket Mode URL (see `startFakeSocketMode`). */
  readonly socketModeUrl?: string;
}

export interface FakeSlackCall {
  readonly method: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly authorized: boolean;
  /** The `ts` a successful `chat.postMessage` answered. */
  ts?: string;
}

/**
 * HTTP `status` (e.g. 500, or 429 with a `Retry-After` of `retryAfterSeconds`, as Slack limits a
 * method) with no Slack body, or a Slack `{ ok: false, error }` answer.
 */
export type FakeSlackFailure =
  { readonly status: number; readonly retryAfterSeconds?: number } | { readonly error: string };

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
  /** What people read: every post, update, ephemeral and Home tab, with where it went. */
  payloads(): SentPayload[];
  failWith(failure: FakeSlackFailure | null, options?: FakeSlackFailureOptions): void;
  setDelayMs(ms: number): void;
  /** A message as if posted earlier by the bot (e.g. a thread parent); returns its `ts`. */
  seedMessage(channel: string): string;
  close(): Promise<void>;
}

/** The methods whose text a person reads. */
const shownMethods = ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'views.publish'];

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
  const channels = options.channels ?? {};
  const posted = new Set<string>();
  const newTs = (): string => {
    nextTs += 1;
    return `${String(nextTs)}.000100`;
  };

  const takeFailure = (method: string): FakeSlackFailure | null => {
    if (active === null || (active.method !== null && active.method !== method)) return null;
    const current = active;
    current.remaining -= 1;
    if (current.remaining <= 0) active = null;
    return current.failure;
  };

  const answer = (res: ServerResponse, call: FakeSlackCall): void => {
    const { method, body } = call;
    const ok = (extra: Record<string, unknown>): void =>
      sendSlackJson(res, 200, { ok: true, ...extra });
    const fail = (error: string): void => sendSlackJson(res, 200, { ok: false, error });
    const channel = typeof body.channel === 'string' ? body.channel : '';
    const known = channels[channel] ?? {};
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
        if (channel === '' || known.hidden === true) return fail('channel_not_found');
        if (known.member === false) return fail('not_in_channel');
        if (body.blocks !== undefined && (!Array.isArray(body.blocks) || body.blocks.length > 50))
          return fail('invalid_blocks');
        if (body.text === undefined && body.blocks === undefined) return fail('no_text');
        const thread = body.thread_ts;
        if (typeof thread === 'string' && !posted.has(`${channel}:${thread}`))
          return fail('thread_not_found');
        const ts = newTs();
        posted.add(`${channel}:${ts}`);
        call.ts = ts;
        return ok({ channel, ts, message: { type: 'message', text: body.text, ts } });
      }
      case 'chat.update': {
        const ts = typeof body.ts === 'string' ? body.ts : '';
        if (!posted.has(`${channel}:${ts}`)) return fail('message_not_found');
        return ok({ channel, ts, text: body.text });
      }
      case 'chat.postEphemeral':
        if (channel === '' || typeof body.user !== 'string') return fail('channel_not_found');
        return ok({ message_ts: newTs() });
      case 'conversations.info':
        if (channel === '' || known.hidden === true) return fail('channel_not_found');
        return ok({
          channel: {
            id: channel,
            name: channel.toLowerCase(),
            is_channel: true,
            is_private: known.private === true,
            is_ext_shared: known.extShared === true,
            is_shared: known.extShared === true,
            is_member: known.member !== false,
          },
        });
      case 'apps.connections.open':
        if (options.socketModeUrl === undefined) return fail('unknown_method');
        return ok({ url: options.socketModeUrl });
      case 'views.publish':
        if (typeof body.user_id !== 'string') return fail('invalid_arguments');
        return ok({ view: { id: `V${newTs()}`, team_id: teamId, type: 'home' } });
      default:
        return fail('unknown_method');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = url.pathname.replace(/^\/api\//, '');
    const body = parseSlackBody(await readSlackBody(req), req.headers['content-type']);
    const token = tokenOf(req, body);
    // Socket Mode opens its connection with the app-level token, not the bot token.
    const authorized =
      options.token === undefined ||
      token === options.token ||
      (method === 'apps.connections.open' && (token ?? '').startsWith('xapp-'));
    const recorded = Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'token'));
    const call: FakeSlackCall = { method, body: recorded, authorized };
    calls.push(call);
    if (delayMs > 0) await sleepMs(delayMs);
    const failure = takeFailure(method);
    if (failure !== null) {
      if ('status' in failure) {
        const retry =
          failure.retryAfterSeconds === undefined
            ? {}
            : { 'retry-after': String(failure.retryAfterSeconds) };
        res
          .writeHead(failure.status, { 'content-type': 'text/plain', ...retry })
          .end('fake Slack failure');
        return;
      }
      return sendSlackJson(res, 200, { ok: false, error: failure.error });
    }
    if (!authorized) return sendSlackJson(res, 200, { ok: false, error: 'invalid_auth' });
    answer(res, call);
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
    payloads: () =>
      calls
        .filter((call) => shownMethods.includes(call.method))
        .map((call) => ({
          where: String(call.body.channel ?? call.body.user_id ?? call.method),
          body: call.body,
        })),
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
    seedMessage: (channel) => {
      const ts = newTs();
      posted.add(`${channel}:${ts}`);
      return ts;
    },
    close: () => closeServer(server),
  };
};
