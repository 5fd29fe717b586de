import {
  makeLuccaDefinitions,
  makeLuccaUsers,
  startFakeLucca,
  type FakeLucca,
  type LuccaStatusStyle,
} from '@sync360/testkit/lucca-server';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchLuccaRecords } from '../src/index.js';
import { rejection, settingsFor, today } from './helpers.js';

let server: FakeLucca | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const labelsOf = async (fake: FakeLucca): Promise<Array<string | null>> =>
  (await fetchLuccaRecords(settingsFor(fake).settings, today)).records
    .slice(0, 3)
    .map((record) => record.statusLabel);

describe('fetchLuccaRecords status field', () => {
  it('resolves {id, value: <entry id>} through the definitions', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3, { statusStyle: 'entry' }) });
    expect(await labelsOf(server)).toEqual(['Actif', 'Actif', 'Actif']);
  });

  it('reads the bare form of the user resource page: a bare entry id as its value would be', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3, { statusStyle: 'bare-entry' }) });
    expect(await labelsOf(server)).toEqual(['Actif', 'Actif', 'Actif']);
  });

  it.each<[LuccaStatusStyle, string]>([
    // A bare string: the user resource page's form (`"e_bloodType": "AB"`).
    ['label', 'Active'],
    ['value-label', 'Active'],
    ['object-label', 'Actif'],
  ])('reads a label given as %s', async (style, label) => {
    server = await startFakeLucca({ users: makeLuccaUsers(3, { statusStyle: style }) });
    expect(await labelsOf(server)).toEqual([label, label, label]);
  });

  it('resolves Inactive entries of former employees', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(12, { formerEvery: 5 }) });
    const { records } = await fetchLuccaRecords(settingsFor(server).settings, today);
    expect(records.find((record) => record.luccaId === '1011')?.statusLabel).toBe('Inactif');
  });

  it('an entry id missing from the definitions becomes an unknown label (core reports it)', async () => {
    const [user] = makeLuccaUsers(1);
    server = await startFakeLucca({
      users: [{ ...user, extendedData: { e_360_status: { id: 1, value: 4242 } } }],
    });
    expect(await labelsOf(server)).toEqual(['unknown list entry 4242']);
  });

  it('labels still work when the key cannot read definitions (warning, definitionsFound false)', async () => {
    server = await startFakeLucca({
      users: makeLuccaUsers(3, { statusStyle: 'label' }),
      definitionsStatus: 403,
    });
    const { settings, captured } = settingsFor(server);
    const result = await fetchLuccaRecords(settings, today);
    expect(result.definitionsFound).toBe(false);
    expect(result.records[0]?.statusLabel).toBe('Active');
    expect(
      captured.warnings.some((warning) =>
        warning.includes('definitions are not readable (HTTP 403)'),
      ),
    ).toBe(true);
  });

  it('entry ids without readable definitions fail with lucca-definitions-unavailable', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3), definitionsStatus: 403 });
    const error = await rejection(fetchLuccaRecords(settingsFor(server).settings, today));
    expect(error.code).toBe('lucca-definitions-unavailable');
    expect(error.kind).toBe('source');
    expect(error.message).toContain('e_360_status');
  });

  it('a status field absent from the tenant is a ConfigError naming it and listing the fields that exist', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(8) });
    const { settings } = settingsFor(server, { statusField: 'e_360' });
    const error = await rejection(fetchLuccaRecords(settings, today));
    expect(error.kind).toBe('config');
    expect(error.code).toBe('status-field-missing');
    expect(error.message).toContain('"e_360"');
    for (const field of ['e_360_status', 'e_badge', 'e_tshirt_size', 'tshirt_size'])
      expect(error.message).toContain(field);
    expect(error.hint).toContain('LUCCA_STATUS_FIELD');
  });

  it('a field defined in Lucca but set on no user is not an error: nobody has a status yet', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(4, { statusStyle: 'none' }) });
    const result = await fetchLuccaRecords(settingsFor(server).settings, today);
    expect(result.records.map((record) => record.statusLabel)).toEqual([null, null, null, null]);
  });

  it('a field found only on users (no definition for it) is accepted', async () => {
    server = await startFakeLucca({
      users: makeLuccaUsers(3, { statusStyle: 'label' }),
      definitions: makeLuccaDefinitions({ statusField: 'e_other' }),
    });
    expect(await labelsOf(server)).toEqual(['Active', 'Active', 'Active']);
  });

  it('the field may appear only on a later page', async () => {
    const users = makeLuccaUsers(6, { statusStyle: 'none' });
    const [last] = makeLuccaUsers(1, { statusStyle: 'label', firstId: 2000 });
    server = await startFakeLucca({ users: [...users, last], definitions: [] });
    const { settings } = settingsFor(server, { pageSize: 3 });
    const result = await fetchLuccaRecords(settings, today);
    expect(result.records.at(-1)?.statusLabel).toBe('Active');
  });
});
