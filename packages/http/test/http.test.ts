import { failInvalidHostLookups } from '@sync360/testkit/unresolvable-hosts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  createHostLimiter,
  HttpFailure,
  nextLinkUrl,
  sendHttp,
  type HttpPolicy,
  type HttpProblem,
} from '../src/http.js';

/** What the server saw of one request, on its own clock. */
interface Seen {
  readonly arrivedAt: number;
  answeredAt: number;
  readonly body: string;
}

/** One scripted answer: a status with headers, `hang` (never answers), or `stall` (headers only). */
type Script =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  | 'hang'
  | 'stall'
  | ((now: number) => { status: number; headers: Record<string, string> });

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A local server that answers each request with the next script entry (the last one repeats). */
const serve = async (...scripts: Script[]) => {
  const seen: Seen[] = [];
  const respond = (script: Script, response: ServerResponse, entry: Seen): void => {
    if (script === 'hang') return;
    if (script === 'stall') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data":');
      return;
    }
    const answer = typeof script === 'function' ? script(Date.now()) : script;
    entry.answeredAt = Date.now();
    response.writeHead(answer.status, answer.headers ?? {});
    response.end('body' in answer ? answer.body : '');
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const arrivedAt = Date.now();
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const entry: Seen = { arrivedAt, answeredAt: Number.NaN, body };
      seen.push(entry);
      const script = scripts[Math.min(seen.length, scripts.length) - 1] ?? { status: 200 };
      respond(script, response, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const handle = {
    url: `http://127.0.0.1:${port}/things`,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(handle);
  return handle;
};

const policy = (overrides: Partial<HttpPolicy> = {}): HttpPolicy => ({
  timeoutMs: 5000,
  attempts: 4,
  retryBaseDelayMs: 5,
  retryMaxDelayMs: 20,
  maxRetryAfterMs: 10_000,
  retryStatus: (status) => status === 429 || status >= 500,
  limiter: null,
  ...overrides,
});

const get = (url: string) => ({ method: 'GET' as const, url, headers: {} });

const failureOf = async (work: Promise<unknown>): Promise<HttpFailure> => {
  const error: unknown = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof HttpFailure))
    throw new Error(`expected an HttpFailure, got ${String(error)}`);
  return error;
};

describe('sendHttp: retries', () => {
  it('retries a 5xx until an answer that is not retried, and reports each retry', async () => {
    const server = await serve({ status: 503 }, { status: 500 }, { status: 200, body: '{"ok":1}' });
    const retries: Array<[HttpProblem['kind'], number]> = [];
    const response = await sendHttp(policy(), get(server.url), {
      onRetry: (problem, failed) => retries.push([problem.kind, failed]),
    });
    expect(response).toMatchObject({ status: 200, text: '{"ok":1}' });
    expect(server.seen).toHaveLength(3);
    expect(retries).toEqual([
      ['status', 1],
      ['status', 2],
    ]);
  });

  it('gives up after the attempts with the last answer', async () => {
    const server = await serve({ status: 502 });
    const failure = await failureOf(sendHttp(policy({ attempts: 3 }), get(server.url)));
    expect(failure.kind).toBe('server-error');
    expect(failure.attempts).toBe(3);
    expect(failure.problem.kind === 'status' && failure.problem.response.status).toBe(502);
    expect(server.seen).toHaveLength(3);
  });

  it('returns an answer that is not retried at once, whatever its status', async () => {
    const server = await serve({ status: 404, body: 'nope' });
    const response = await sendHttp(policy(), get(server.url));
    expect(response).toMatchObject({ status: 404, text: 'nope' });
    expect(server.seen).toHaveLength(1);
  });

  it('sends the JSON body and asks the request again on each attempt', async () => {
    const server = await serve({ status: 500 }, { status: 204 });
    const urls: string[] = [];
    await sendHttp(policy(), (attempt) => {
      urls.push(`${server.url}?try=${attempt}`);
      return { method: 'PUT', url: `${server.url}?try=${attempt}`, headers: {}, body: { a: 1 } };
    });
    expect(urls).toEqual([`${server.url}?try=1`, `${server.url}?try=2`]);
    expect(server.seen.map((entry) => entry.body)).toEqual(['{"a":1}', '{"a":1}']);
  });
});

describe('sendHttp: Retry-After', () => {
  it('waits the seconds a 429 asks for, on the server clock', async () => {
    const server = await serve({ status: 429, headers: { 'retry-after': '1' } }, { status: 200 });
    await sendHttp(policy(), get(server.url));
    const [refused, accepted] = server.seen;
    expect((accepted?.arrivedAt ?? 0) - (refused?.answeredAt ?? Number.NaN)).toBeGreaterThanOrEqual(
      1000,
    );
  });

  it('waits until the HTTP date a 429 names', async () => {
    let askedUntil = Number.NaN;
    const server = await serve(
      (now) => {
        const date = new Date(now + 2000).toUTCString();
        askedUntil = Date.parse(date);
        return { status: 429, headers: { 'retry-after': date } };
      },
      { status: 200 },
    );
    await sendHttp(policy(), get(server.url));
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1]?.arrivedAt).toBeGreaterThanOrEqual(askedUntil);
  });

  it('keeps the floor after a 429 without Retry-After', async () => {
    const server = await serve({ status: 429 }, { status: 200 });
    await sendHttp(policy({ minWaitAfter429Ms: 300 }), get(server.url));
    const [refused, accepted] = server.seen;
    expect((accepted?.arrivedAt ?? 0) - (refused?.answeredAt ?? Number.NaN)).toBeGreaterThanOrEqual(
      300,
    );
  });

  it('fails at once when Retry-After asks for longer than allowed', async () => {
    const server = await serve({ status: 429, headers: { 'retry-after': '3600' } });
    const failure = await failureOf(sendHttp(policy(), get(server.url)));
    expect(failure.kind).toBe('wait-too-long');
    expect(failure.problem.kind === 'status' && failure.problem.retryAfterMs).toBe(3_600_000);
    expect(server.seen).toHaveLength(1);
  });

  it('counts a 429 that never ends as rate-limited', async () => {
    const server = await serve({ status: 429, headers: { 'retry-after': '0' } });
    const failure = await failureOf(sendHttp(policy({ attempts: 2 }), get(server.url)));
    expect(failure).toMatchObject({ kind: 'rate-limited', attempts: 2 });
    expect(server.seen).toHaveLength(2);
  });
});

describe('sendHttp: timeouts and the network', () => {
  it('times out a server that never answers, each attempt', async () => {
    const server = await serve('hang');
    const failure = await failureOf(
      sendHttp(policy({ timeoutMs: 100, attempts: 2 }), get(server.url)),
    );
    expect(failure).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(server.seen).toHaveLength(2);
  });

  it('times out a body that stops half way: the timeout covers the body too', async () => {
    const server = await serve('stall', { status: 200, body: '[]' });
    const retried: string[] = [];
    const response = await sendHttp(policy({ timeoutMs: 150 }), get(server.url), {
      onRetry: (problem) => retried.push(problem.kind),
    });
    expect(response.text).toBe('[]');
    expect(retried).toEqual(['timeout']);
  });

  it('retries a refused connection, then says so', async () => {
    const server = await serve({ status: 200 });
    await server.close();
    const failure = await failureOf(sendHttp(policy({ attempts: 3 }), get(server.url)));
    expect(failure).toMatchObject({ kind: 'network', attempts: 3 });
    expect(failure.problem.kind === 'network' && failure.problem.reason).toContain('ECONNREFUSED');
  });

  it('never retries a host name that does not resolve', async () => {
    const host = 'sync360-test.invalid';
    onTestFinished(failInvalidHostLookups());
    const failure = await failureOf(sendHttp(policy(), get(`http://${host}/`)));
    expect(failure).toMatchObject({ kind: 'dns', attempts: 1, problem: { kind: 'dns', host } });
  });
});

describe('sendHttp: the limiter', () => {
  it('keeps the server under the limit, measured in requests on its clock', async () => {
    const server = await serve({ status: 200 });
    const limiter = createHostLimiter(2, 200);
    const waits: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, () =>
        sendHttp(policy({ limiter }), get(server.url), { onLimited: (ms) => waits.push(ms) }),
      ),
    );
    expect(server.seen).toHaveLength(7);
    // Any 3 requests span at least a window as the server saw them.
    const arrivals = server.seen.map((entry) => entry.arrivedAt).sort((a, b) => a - b);
    for (const [index, at] of arrivals.slice(2).entries())
      expect(at - (arrivals[index] ?? Number.NaN)).toBeGreaterThanOrEqual(200);
    // All asked at once: the five after the first two waited at least a window for their turn.
    expect(waits.filter((ms) => ms >= 200).length).toBeGreaterThanOrEqual(5);
  });

  it('makes every retry take its turn too', async () => {
    const server = await serve({ status: 503 }, { status: 200 });
    const limiter = createHostLimiter(1, 300);
    await sendHttp(policy({ limiter }), get(server.url));
    const [first, second] = server.seen;
    expect((second?.arrivedAt ?? 0) - (first?.answeredAt ?? Number.NaN)).toBeGreaterThanOrEqual(
      300,
    );
  });
});

describe('nextLinkUrl', () => {
  const base = 'https://app.example.test';
  it('finds rel="next" among several links and relations, resolved against the base', () => {
    expect(nextLinkUrl('</api/v2/users?page=2>; rel="next"', base)?.href).toBe(
      'https://app.example.test/api/v2/users?page=2',
    );
    expect(
      nextLinkUrl('<https://x.test/1>; rel="prev", <https://x.test/a,b?p=3>; rel="last next"', base)
        ?.href,
    ).toBe('https://x.test/a,b?p=3');
  });

  it('is null without a next link or with a header it cannot read', () => {
    expect(nextLinkUrl(null, base)).toBeNull();
    expect(nextLinkUrl('<https://x.test/1>; rel="prev"', base)).toBeNull();
    expect(nextLinkUrl('<https://x.test/1>; rel="nextpage"', base)).toBeNull();
    expect(nextLinkUrl('not a link header', base)).toBeNull();
  });
});
