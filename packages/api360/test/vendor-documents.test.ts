import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isSync360Error } from '@sync360/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api360ErrorHints, hintOfCode } from '../src/error-codes.js';
import { nextLinkUrl } from '@sync360/http';
import { api360Defaults, createApi360Client, type Api360Client } from '../src/index.js';
import { rejectionWarning } from '../src/rejections.js';
import {
  errorCodesOf,
  openApiDocuments,
  referenceFolder,
  responseExamples,
  type OpenApiDocument,
  type ResponseExample,
} from './openapi.js';

// 360Learning's OpenAPI documents against our code: every error code they list has a hint, and
// every documented example answer of the paths sync360 calls goes through the real client (over
// HTTP, from a local server replaying it) and is read, or fails with the coded error SPEC names.

const folder = referenceFolder();
if (folder === null)
  console.warn("360Learning's OpenAPI documents are not on this CI runner: contract tests skipped");
const documents = folder === null ? [] : openApiDocuments(folder);
const userId = '507f1f77bcf86cd799439011';
const managerId = '507f1f77bcf86cd799439012';

/** The paths sync360 calls, each with the client call that sends it. */
const calls: Readonly<Record<string, (client: Api360Client) => Promise<unknown>>> = {
  'POST /api/v2/oauth2/token': (client) => client.authenticate(),
  'GET /api/v2/users': (client) => client.listUsers(),
  'POST /api/v2/users': (client) =>
    client.createUser(
      {
        mail: 'john.smith@acme.test',
        firstName: 'John',
        lastName: 'Smith',
        membership: { groupId: userId, role: 'learner' },
      },
      false,
    ),
  'PATCH /api/v2/users/{userId}': (client) => client.updateUser(userId, { firstName: 'John' }),
  'DELETE /api/v2/users/{userId}': (client) => client.deleteUser(userId),
  'PUT /api/v2/users/{userId}/activate': (client) => client.activateUser(userId),
  'GET /api/v2/users/{userId}/managers': (client) => client.listManagers(userId),
  'POST /api/v2/users/{userId}/managers/{managerId}': (client) =>
    client.addManager(userId, managerId),
  'DELETE /api/v2/users/{userId}/managers/{managerId}': (client) =>
    client.removeManager(userId, managerId),
};

const keyOf = (example: Pick<ResponseExample, 'method' | 'path'>): string =>
  `${example.method} ${example.path}`;

const examples = documents.flatMap(responseExamples).filter((example) => keyOf(example) in calls);

const codeIn = (body: unknown): string | null => {
  if (typeof body !== 'object' || body === null) return null;
  const error: unknown = Reflect.get(body, 'error');
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return null;
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' ? code : null;
};

describe.skipIf(folder === null)("360Learning's documents", () => {
  it('are found in the reference folder', () => {
    expect(documents.map((document) => document.file)).toContain(
      '360learning-api-v2-users.openapi.json',
    );
  });

  it.each(documents.map((document) => [document.file, document] as const))(
    'every error code %s lists has a hint in the one table',
    (_file, document) => {
      const codes = [...errorCodesOf(document)];
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.filter((code) => !(code in api360ErrorHints))).toEqual([]);
    },
  );

  it('the hint table holds only codes some document lists (no invented one)', () => {
    const listed = new Set(documents.flatMap((document) => [...errorCodesOf(document)]));
    expect(Object.keys(api360ErrorHints).filter((code) => !listed.has(code))).toEqual([]);
  });

  it('every path sync360 calls is in a document, with examples to feed', () => {
    const documented = new Set(examples.map(keyOf));
    expect(Object.keys(calls).filter((key) => !documented.has(key))).toEqual([]);
  });

  it('the documented next-page Link resolves on the API origin', () => {
    const links = documents
      .flatMap(responseExamples)
      .flatMap((example) =>
        example.headers['link'] === undefined ? [] : [example.headers['link']],
      );
    expect(links.length).toBeGreaterThan(0);
    for (const link of links)
      expect(nextLinkUrl(link, 'https://app.360learning.com')?.origin).toBe(
        'https://app.360learning.com',
      );
  });
});

describe.skipIf(folder === null)(
  'each documented answer of the paths sync360 calls, through the real client',
  () => {
    let server: Server;
    let baseUrl = '';
    let current: ResponseExample | null = null;
    const hits: string[] = [];

    const templateOf = (path: string): RegExp =>
      new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);

    beforeAll(async () => {
      server = createServer((request, response) => {
        const path = new URL(request.url ?? '/', 'http://localhost').pathname;
        const example = current;
        const answer = (status: number, body: unknown): void => {
          if (body === undefined) response.writeHead(status).end();
          else
            response
              .writeHead(status, { 'content-type': 'application/json' })
              .end(JSON.stringify(body));
        };
        request.resume();
        request.on('end', () => {
          if (
            example !== null &&
            request.method === example.method &&
            templateOf(example.path).test(path)
          ) {
            hits.push(`${request.method} ${path}`);
            answer(example.status, example.body);
          } else if (path === '/api/v2/oauth2/token')
            answer(200, { token_type: 'Bearer', access_token: 'replay-token', expires_in: 3600 });
          else answer(404, undefined);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address: AddressInfo | string | null = server.address();
      baseUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it.each(
      examples.map(
        (example) =>
          [
            `${example.method} ${example.path} ${example.status} (${example.source}, ${example.file})`,
            example,
          ] as const,
      ),
    )('%s', async (_name, example) => {
      current = example;
      hits.length = 0;
      const client = createApi360Client({
        ...api360Defaults,
        baseUrl,
        clientId: 'replay-client',
        clientSecret: 'replay-secret',
        companyId: null,
        // One attempt: a documented 429 is seen as it is, not waited out.
        attempts: 1,
      });
      const call = calls[keyOf(example)];
      if (call === undefined) throw new Error(`no call for ${keyOf(example)}`);
      const outcome = await call(client).then(
        (value) => ({ value, error: null }),
        (error: unknown) => ({ value: null, error }),
      );
      expect(hits.length, 'the example was answered to the call').toBeGreaterThan(0);
      const code = codeIn(example.body);

      if (example.status < 300) {
        expect(outcome.error).toBeNull();
        if (typeof outcome.value === 'object' && outcome.value !== null && 'ok' in outcome.value)
          expect(outcome.value).toMatchObject({ ok: true });
        if (keyOf(example) === 'GET /api/v2/users')
          expect(outcome.value).toMatchObject({
            users: Array.isArray(example.body) ? example.body.map(() => expect.anything()) : [],
            unreadable: [],
          });
        if (keyOf(example) === 'POST /api/v2/users')
          expect(outcome.value).toMatchObject({ ok: true, value: { userId } });
        return;
      }

      // An error answer carries a documented code, and that code has a hint.
      expect(code).not.toBeNull();
      expect(hintOfCode(code)).not.toBeNull();
      const perUser =
        keyOf(example) !== 'POST /api/v2/oauth2/token' &&
        keyOf(example) !== 'GET /api/v2/users' &&
        ![401, 403, 429].includes(example.status);
      if (perUser) {
        // A 4xx on one user is that user's rejection: `api360-rejected`, the run goes on.
        expect(outcome.value).toEqual({ ok: false, status: example.status, code });
        const warning = rejectionWarning(
          { operation: 'delete', uniqueId: 'E1', userId, mail: null },
          { ok: false, status: example.status, code },
        );
        expect(warning.code).toBe('api360-rejected');
        expect(warning.message).toContain(`HTTP ${String(example.status)} ${String(code)}`);
        return;
      }
      // Credentials, scope, rate limit and the users list stop the run: `api360-failed`.
      if (!isSync360Error(outcome.error)) throw new Error(`expected a coded error for ${_name}`);
      expect(outcome.error.code).toBe('api360-failed');
      expect(outcome.error.details).toMatchObject({ status: example.status, apiCode: code });
      expect(outcome.error.message).toContain(String(code));
    });
  },
);

describe('reading a vendor document', () => {
  it('resolves $ref in responses, schemas and error codes', () => {
    const document: OpenApiDocument = {
      file: 'synthetic.openapi.json',
      root: {
        paths: {
          '/api/v2/things': {
            get: {
              responses: {
                '200': { $ref: '#/components/responses/Things' },
                '404': {
                  content: {
                    'application/json': { schema: { $ref: '#/components/schemas/NotFound' } },
                  },
                },
                '500': { content: { 'application/json': { example: { ignored: true } } } },
              },
            },
          },
        },
        components: {
          responses: {
            Things: {
              content: {
                'application/json': {
                  schema: { type: 'array', items: { $ref: '#/components/schemas/Thing' } },
                },
              },
            },
          },
          schemas: {
            Thing: {
              type: 'object',
              required: ['_id', 'kind'],
              properties: {
                _id: { type: 'string', example: 'abc' },
                kind: { type: 'string' },
                note: { type: 'string' },
              },
            },
            NotFound: {
              type: 'object',
              properties: {
                error: {
                  type: 'object',
                  properties: { code: { $ref: '#/components/schemas/NotFoundCode' } },
                },
              },
            },
            NotFoundCode: { type: 'string', enum: ['thingNotFound'] },
          },
        },
      },
    };
    expect([...errorCodesOf(document)]).toEqual(['thingNotFound']);
    expect(responseExamples(document).map(({ status, body }) => [status, body])).toEqual([
      [200, [{ _id: 'abc', kind: '' }]],
      [404, { error: { code: 'thingNotFound' } }],
    ]);
  });
});
