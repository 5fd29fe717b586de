import type { EmployeeRecord } from '@sync360/core';
import {
  luccaOddValues,
  makeLuccaDefinitions,
  makeLuccaUsers,
  startFakeLucca,
  withOddUnusedFields,
  type FakeLucca,
  type LuccaTranslationStyle,
} from '@sync360/testkit/lucca-server';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLucca, fetchLuccaRecords } from '../src/index.js';
import { rejection, settingsFor, today } from './helpers.js';

let server: FakeLucca | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const recordsOf = async (fake: FakeLucca, overrides = {}): Promise<EmployeeRecord[]> =>
  (await fetchLuccaRecords(settingsFor(fake, overrides).settings, today)).records;

describe('definitions: translation may be any JSON', () => {
  it.each<[LuccaTranslationStyle, string, string]>([
    ['object', 'Active', 'Inactive'],
    ['english', 'Active', 'Inactive'],
    ['missing', 'Aktiv', 'Inaktiv'],
    ['odd', 'Aktiv', 'Inaktiv'],
  ])(
    'translation %s: entries resolve to %s / %s',
    async (translation, activeLabel, inactiveLabel) => {
      server = await startFakeLucca({
        users: makeLuccaUsers(12, { formerEvery: 5 }),
        definitions: makeLuccaDefinitions({
          activeLabel: 'Aktiv',
          inactiveLabel: 'Inaktiv',
          translation,
        }),
      });
      const records = await recordsOf(server);
      expect(records.find((record) => record.luccaId === '1001')?.statusLabel).toBe(activeLabel);
      expect(records.find((record) => record.luccaId === '1011')?.statusLabel).toBe(inactiveLabel);
    },
  );

  it('a tenant whose translations are objects passes doctor and reads the usual names', async () => {
    server = await startFakeLucca({
      users: makeLuccaUsers(30),
      definitions: makeLuccaDefinitions({ translation: 'object' }),
    });
    expect((await recordsOf(server)).slice(0, 2).map((record) => record.statusLabel)).toEqual([
      'Actif',
      'Actif',
    ]);
    const checks = await checkLucca(settingsFor(server).settings, today);
    expect(checks.every((check) => check.ok)).toBe(true);
  });

  it('labels the doctor accepts include translations and extra labels', async () => {
    server = await startFakeLucca({
      users: makeLuccaUsers(3),
      definitions: makeLuccaDefinitions({
        activeLabel: 'Oui',
        inactiveLabel: 'Non',
        translation: 'odd',
      }),
    });
    const status = async (overrides = {}): Promise<boolean | undefined> =>
      (await checkLucca(settingsFor(server ?? expect.fail(), overrides).settings, today)).find(
        (check) => check.name === 'status field',
      )?.ok;
    expect(await status()).toBe(false);
    expect(await status({ extraActiveLabels: ['oui'], extraInactiveLabels: ['NON'] })).toBe(true);
    server.update({
      definitions: makeLuccaDefinitions({
        activeLabel: 'Oui',
        inactiveLabel: 'Non',
        translation: 'english',
      }),
    });
    expect(await status()).toBe(true);
  });
});

describe('users: strict about used fields, blind to the rest', () => {
  it.each(Object.entries(luccaOddValues))(
    'an odd %s marks that one user and leaves the rest of the run alone',
    async (field, odd) => {
      const users = makeLuccaUsers(4);
      server = await startFakeLucca({
        users: users.map((user, index) => (index === 2 ? { ...user, [field]: odd } : user)),
      });
      const records = await recordsOf(server);
      expect(records).toHaveLength(4);
      const [marked] = records.filter((record) => record.invalidFields !== undefined);
      expect(marked?.luccaId).toBe('1003');
      expect(marked?.invalidFields).toEqual([field]);
      const recordField = {
        employeeNumber: 'employeeNumber',
        firstName: 'firstName',
        lastName: 'lastName',
        mail: 'email',
        jobTitle: 'title',
        culture: 'culture',
        manager: 'managerLuccaId',
        legalEntity: 'legalEntityId',
        dtContractStart: 'contractStart',
        dtContractEnd: 'contractEnd',
      }[field];
      expect(recordField).toBeDefined();
      expect(Reflect.get(marked ?? {}, recordField ?? '')).toBeNull();
      // The user's other fields are read as usual.
      expect(marked?.statusLabel).toBe('Actif');
      if (field !== 'employeeNumber') expect(marked?.employeeNumber).toBe('E00003');
    },
  );

  it('a status value that cannot be read, or extendedData that is not an object, names the field', async () => {
    const [first, second, third] = makeLuccaUsers(3);
    server = await startFakeLucca({
      users: [
        first,
        { ...second, extendedData: { e_360_status: [1, 2] } },
        { ...third, extendedData: 'none' },
      ],
    });
    const records = await recordsOf(server);
    expect(records.map((record) => record.invalidFields)).toEqual([
      undefined,
      ['extendedData.e_360_status'],
      ['extendedData'],
    ]);
    expect(records.map((record) => record.statusLabel)).toEqual(['Actif', null, null]);
  });

  it('odd values in fields sync360 does not use change nothing', async () => {
    const users = makeLuccaUsers(20, { formerEvery: 4 });
    server = await startFakeLucca({ users });
    const clean = await recordsOf(server);
    server.setUsers(users.map(withOddUnusedFields));
    expect(await recordsOf(server)).toEqual(clean);
    expect(clean.every((record) => record.invalidFields === undefined)).toBe(true);
  });
});

describe('the fetch is always bounded', () => {
  it('a server ignoring paging is lucca-paging on the first page of users already read', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(2500), ignorePaging: true });
    const error = await rejection(fetchLuccaRecords(settingsFor(server).settings, today));
    expect(error.code).toBe('lucca-paging');
    expect(error.kind).toBe('source');
    expect(error.message).toContain('page 2 (paging=1000,1000) returned only users already read');
    expect(server.usersRequests()).toHaveLength(2);
  });

  it('also when the whole tenant comes back on every page', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(30), ignorePaging: true });
    const error = await rejection(
      fetchLuccaRecords(settingsFor(server, { pageSize: 10 }).settings, today),
    );
    expect(error.code).toBe('lucca-paging');
    expect(server.usersRequests()).toHaveLength(2);
  });

  it('an endless server stops at maxEmployees with lucca-too-many, bounded by count', async () => {
    server = await startFakeLucca({ endless: true });
    const { settings } = settingsFor(server, { maxEmployees: 2500 });
    const error = await rejection(fetchLuccaRecords(settings, today));
    expect(error.code).toBe('lucca-too-many');
    expect(error.message).toContain('more than 2500 users (3000 after 3 pages)');
    expect(error.hint).toContain('LUCCA_MAX_EMPLOYEES');
    expect(server.usersRequests()).toHaveLength(3);
  });

  it('exactly maxEmployees users is fine', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(25) });
    const records = await recordsOf(server, { maxEmployees: 25, pageSize: 10 });
    expect(records).toHaveLength(25);
  });
});
