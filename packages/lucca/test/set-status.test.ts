import {
  luccaActiveEntryId,
  luccaInactiveEntryId,
  makeLuccaDefinitions,
  makeLuccaUsers,
  startFakeLucca,
  type FakeLucca,
  type FakeLuccaOptions,
} from '@sync360/testkit/lucca-server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLuccaStatus, type LuccaSettings } from '../src/index.js';
import { rejection, settingsFor } from './helpers.js';

let server: FakeLucca | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** 1001 Active (stored value 7001), 1002 no status key, 1003 Inactive, 1004 status null. */
const tenant = (options: FakeLuccaOptions = {}): Promise<FakeLucca> => {
  const [active, none, inactive, empty] = makeLuccaUsers(4, { statusStyle: 'none' });
  return startFakeLucca({
    users: [
      { ...active, extendedData: { e_360_status: { id: 7001, value: luccaActiveEntryId } } },
      none,
      { ...inactive, extendedData: { e_360_status: { id: 7003, value: luccaInactiveEntryId } } },
      { ...empty, extendedData: { e_badge: { id: 1, value: 'B1' }, e_360_status: null } },
    ],
    ...options,
  });
};

const writeSettings = (fake: FakeLucca, overrides: Partial<LuccaSettings> = {}): LuccaSettings =>
  settingsFor(fake, { apiKey: fake.writeApiKey, ...overrides }).settings;

const puts = (fake: FakeLucca) => fake.requests.filter((request) => request.method === 'PUT');

const storedStatus = (fake: FakeLucca, luccaId: string): unknown => {
  const user = fake.users().find((item) => Reflect.get(Object(item), 'id') === Number(luccaId));
  return Reflect.get(Object(Reflect.get(Object(user), 'extendedData')), 'e_360_status');
};

describe('setLuccaStatus', () => {
  it('offboarding: writes Inactive over the stored value (its id), at the root, with the write key', async () => {
    server = await tenant();
    const result = await setLuccaStatus(writeSettings(server), {
      luccaId: '1001',
      status: 'Inactive',
    });
    expect(result).toEqual({
      outcome: 'done',
      luccaId: '1001',
      employeeNumber: 'E00001',
      status: 'Inactive',
      name: 'Camille Martin',
      previousLabel: 'Actif',
    });
    const [put] = puts(server);
    expect(put?.path).toBe('/api/v3/users/1001');
    expect(put?.headers['authorization']).toBe(`lucca application=${server.writeApiKey}`);
    expect(JSON.parse(put?.body ?? '')).toEqual({
      e_360_status: { id: 7001, value: luccaInactiveEntryId },
    });
    expect(storedStatus(server, '1001')).toEqual({ id: 7001, value: luccaInactiveEntryId });
    // Read first, definitions, write, read back.
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/v3/users/1001',
      'GET /api/v3/extensionuserdefinitions',
      'PUT /api/v3/users/1001',
      'GET /api/v3/users/1001',
    ]);
    expect(server.requests[0]?.query['fields']).toBe(
      'id,firstName,lastName,employeeNumber,extendedData',
    );
  });

  it.each([
    ['no status key', '1002'],
    ['a null status', '1004'],
  ])('onboarding with %s: writes Active with value id 0', async (_, luccaId) => {
    server = await tenant();
    const result = await setLuccaStatus(writeSettings(server), { luccaId, status: 'Active' });
    expect(result.outcome).toBe('done');
    expect(result.previousLabel).toBeNull();
    expect(JSON.parse(puts(server)[0]?.body ?? '')).toEqual({
      e_360_status: { id: 0, value: luccaActiveEntryId },
    });
    expect(storedStatus(server, luccaId)).toMatchObject({ value: luccaActiveEntryId });
  });

  it.each<[string, string, 'Active' | 'Inactive']>([
    ['Active asked on an Active user', '1001', 'Active'],
    ['Inactive asked on an Inactive user', '1003', 'Inactive'],
    ['Active asked on an Inactive user (someone decided otherwise)', '1003', 'Active'],
    ['Inactive asked on a user without status', '1002', 'Inactive'],
  ])('already done (%s): writes nothing', async (_, luccaId, status) => {
    server = await tenant();
    const result = await setLuccaStatus(writeSettings(server), { luccaId, status });
    expect(result.outcome).toBe('already-done');
    expect(puts(server)).toEqual([]);
  });

  it('a repeated click finds it done', async () => {
    server = await tenant();
    const settings = writeSettings(server);
    expect((await setLuccaStatus(settings, { luccaId: '1002', status: 'Active' })).outcome).toBe(
      'done',
    );
    const again = await setLuccaStatus(settings, { luccaId: '1002', status: 'Active' });
    expect(again).toMatchObject({ outcome: 'already-done', previousLabel: 'Actif' });
    expect(puts(server)).toHaveLength(1);
  });

  it('a key without the edit right: lucca-write-forbidden naming the field and the right, not retried', async () => {
    server = await tenant();
    const error = await rejection(
      setLuccaStatus(writeSettings(server, { apiKey: server.apiKey }), {
        luccaId: '1001',
        status: 'Inactive',
      }),
    );
    expect(error.code).toBe('lucca-write-forbidden');
    expect(error.kind).toBe('source');
    expect(error.details['status']).toBe(403);
    expect(error.message).toContain('"e_360_status"');
    expect(error.hint).toContain('LUCCA_WRITE_API_KEY');
    expect(error.hint).toContain('edit right');
    expect(error.hint).toContain('"e_360_status"');
    expect(puts(server)).toHaveLength(1);
    expect(storedStatus(server, '1001')).toEqual({ id: 7001, value: luccaActiveEntryId });
    expect(`${error.message} ${error.hint}`).not.toContain(server.apiKey);
  });

  it('a vanished user: lucca-user-gone, nothing written', async () => {
    server = await tenant();
    const error = await rejection(
      setLuccaStatus(writeSettings(server), { luccaId: '4242', status: 'Active' }),
    );
    expect(error.code).toBe('lucca-user-gone');
    expect(error.message).toContain('4242');
    expect(puts(server)).toEqual([]);
  });

  it("Lucca's 429 is retried after its Retry-After, then the write succeeds", async () => {
    server = await tenant({ writeFaults: ['429'], retryAfter: 1 });
    const result = await setLuccaStatus(writeSettings(server), {
      luccaId: '1001',
      status: 'Inactive',
    });
    expect(result.outcome).toBe('done');
    const [refused, accepted] = puts(server);
    expect([refused?.answer, accepted?.answer]).toEqual(['429', '200']);
    expect((accepted?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(storedStatus(server, '1001')).toEqual({ id: 7001, value: luccaInactiveEntryId });
  });

  it('a write Lucca answers but does not keep: lucca-write-not-confirmed from the read-back', async () => {
    server = await tenant({ ignoreWrites: true });
    const error = await rejection(
      setLuccaStatus(writeSettings(server), { luccaId: '1001', status: 'Inactive' }),
    );
    expect(error.code).toBe('lucca-write-not-confirmed');
    expect(error.message).toContain('still shows Actif instead of Inactive');
  });

  it('finds the entry through translations and extra labels', async () => {
    server = await tenant({
      definitions: makeLuccaDefinitions({
        activeLabel: 'Aktiv',
        inactiveLabel: 'Ausgeschieden',
        translation: 'object',
      }),
    });
    await setLuccaStatus(writeSettings(server), { luccaId: '1002', status: 'Active' });
    expect(storedStatus(server, '1002')).toMatchObject({ value: luccaActiveEntryId });
    server.update({
      definitions: makeLuccaDefinitions({
        activeLabel: 'Aktiv',
        inactiveLabel: 'Ausgeschieden',
        translation: 'missing',
      }),
    });
    await setLuccaStatus(
      writeSettings(server, {
        extraActiveLabels: ['aktiv'],
        extraInactiveLabels: ['ausgeschieden'],
      }),
      {
        luccaId: '1002',
        status: 'Inactive',
      },
    );
    expect(storedStatus(server, '1002')).toMatchObject({ value: luccaInactiveEntryId });
  });

  it.each([
    ['none', makeLuccaDefinitions({ activeLabel: 'Oui', inactiveLabel: 'Non' }), 'No list entry'],
    [
      'two',
      makeLuccaDefinitions().map((definition) =>
        definition.code === '360_status'
          ? {
              ...definition,
              extensionUserPropertyListEntries: [
                ...definition.extensionUserPropertyListEntries,
                { id: 86, name: 'Active', translation: null },
              ],
            }
          : definition,
      ),
      '2 list entries',
    ],
  ])(
    '%s of the entries meaning Active: lucca-status-entry, nothing written',
    async (_, definitions, text) => {
      server = await tenant({ definitions });
      const error = await rejection(
        setLuccaStatus(writeSettings(server), { luccaId: '1002', status: 'Active' }),
      );
      expect(error.code).toBe('lucca-status-entry');
      expect(error.message).toContain(text);
      expect(puts(server)).toEqual([]);
    },
  );
});

describe('the local Lucca server takes writes as Lucca does', () => {
  const put = (fake: FakeLucca, key: string, body: unknown): Promise<Response> =>
    fetch(`${fake.url}/api/v3/users/1001`, {
      method: 'PUT',
      headers: { authorization: `lucca application=${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses a write through extendedData (400) and the read key (403), keeps a root write', async () => {
    server = await tenant();
    const through = { extendedData: { e_360_status: { id: 7001, value: luccaInactiveEntryId } } };
    expect((await put(server, server.writeApiKey, through)).status).toBe(400);
    const root = { e_360_status: { id: 7001, value: luccaInactiveEntryId } };
    expect((await put(server, server.apiKey, root)).status).toBe(403);
    expect(storedStatus(server, '1001')).toEqual({ id: 7001, value: luccaActiveEntryId });
    expect(
      (await put(server, server.writeApiKey, { e_360_status: { id: 0, value: 85 } })).status,
    ).toBe(400);
    expect((await put(server, server.writeApiKey, root)).status).toBe(200);
    expect(storedStatus(server, '1001')).toEqual({ id: 7001, value: luccaInactiveEntryId });
  });
});
