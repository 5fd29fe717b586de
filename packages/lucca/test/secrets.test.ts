import {
  makeLuccaUsers,
  startFakeLucca,
  type FakeLucca,
  type FakeLuccaOptions,
} from '@sync360/testkit/lucca-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLucca, fetchLuccaRecords } from '../src/index.js';
import { printable, rejection, settingsFor, today } from './helpers.js';

const apiKey = 'sk-live-9c1e77d04b2a';
let server: FakeLucca | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Everything a scenario could print: progress, warnings, the error and doctor lines. */
const everythingPrinted = async (
  options: FakeLuccaOptions,
  settingsChange: { apiKey?: string; statusField?: string } = {},
): Promise<string> => {
  server = await startFakeLucca({ apiKey, ...options });
  const { settings, captured } = settingsFor(server, {
    maxRetries: 1,
    timeoutMs: 200,
    ...settingsChange,
  });
  expect(settings.apiKey).toBe(apiKey);
  const lines: string[] = [];
  try {
    const result = await fetchLuccaRecords(settings, today);
    lines.push(JSON.stringify(result));
  } catch (error) {
    const coded = await rejection(Promise.reject(error));
    lines.push(coded.code, printable(coded));
  }
  lines.push(JSON.stringify(await checkLucca(settings, today)));
  return [...lines, ...captured.progress, ...captured.warnings].join('\n');
};

describe('the API key never shows', () => {
  it.each<[string, FakeLuccaOptions]>([
    ['success', { users: makeLuccaUsers(5) }],
    ['server errors', { users: makeLuccaUsers(5), alwaysFail: 500 }],
    ['rate limits', { users: makeLuccaUsers(5), faults: ['429', '429'], retryAfter: 0 }],
    ['malformed JSON', { users: makeLuccaUsers(5), faults: ['malformed'] }],
    ['timeouts', { users: makeLuccaUsers(5), faults: ['timeout', 'timeout'] }],
    [
      'bad shapes echoing the key',
      { users: [{ id: 1, extendedData: { e_360_status: [apiKey] } }] },
    ],
    ['hidden definitions', { users: makeLuccaUsers(5), definitionsStatus: 403 }],
  ])('on %s', async (_name, options) => {
    const printed = await everythingPrinted(options);
    expect(printed.length).toBeGreaterThan(0);
    expect(printed).not.toContain(apiKey);
  });

  it('when the key is refused', async () => {
    const printed = await everythingPrinted(
      { users: makeLuccaUsers(5), apiKey: 'another-key-1234' },
      { apiKey },
    );
    expect(printed).toContain('lucca-auth');
    expect(printed).not.toContain(apiKey);
  });

  it('when the status field is missing', async () => {
    const printed = await everythingPrinted(
      { users: makeLuccaUsers(5) },
      { statusField: 'e_nope' },
    );
    expect(printed).toContain('status-field-missing');
    expect(printed).not.toContain(apiKey);
  });

  it('even when a server echoes the Authorization header back', async () => {
    const echo = createServer((request, response) => {
      const body = `{"error":"bad key ${request.headers.authorization ?? ''}"`;
      response.writeHead(request.url?.startsWith('/api/v3/users') === true ? 500 : 200, {
        'content-type': 'application/json',
      });
      response.end(body);
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const address: AddressInfo | string | null = echo.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const { settings, captured } = settingsFor(
        { url: `http://127.0.0.1:${port}`, apiKey },
        { maxRetries: 1 },
      );
      const error = await rejection(fetchLuccaRecords(settings, today));
      const printed = [
        printable(error),
        ...captured.progress,
        ...captured.warnings,
        JSON.stringify(await checkLucca(settings, today)),
      ].join('\n');
      expect(printed).toContain('bad key lucca application=***');
      expect(printed).not.toContain(apiKey);
    } finally {
      echo.closeAllConnections();
      await new Promise<void>((resolve) => echo.close(() => resolve()));
    }
  });

  it('when the key itself is invalid for a header', async () => {
    const { settings } = settingsFor(
      { url: 'http://127.0.0.1:9', apiKey: 'bad key\nwith newline' },
      { maxRetries: 0 },
    );
    const error = await rejection(fetchLuccaRecords(settings, today));
    expect(error.kind).toBe('source');
    expect(printable(error)).not.toContain('with newline');
  });
});
