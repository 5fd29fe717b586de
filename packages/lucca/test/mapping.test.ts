import { makeLuccaDefinitions, makeLuccaUsers } from '@sync360/testkit/lucca-server';
import { describe, expect, it } from 'vitest';
import { readDefinitions, parseUsersPayload, type StatusDefinitions } from '../src/index.js';
import { readStatusValue } from '../src/users.js';

const definitionsOf = (json: unknown, statusField = 'e_360_status'): StatusDefinitions => {
  const read = readDefinitions(json, statusField);
  if (!read.ok) expect.fail(read.reason);
  return read.definitions;
};

describe('readStatusValue', () => {
  it.each<[unknown, ReturnType<typeof readStatusValue>]>([
    [null, { kind: 'none' }],
    ['', { kind: 'none' }],
    [{ id: 1, value: null }, { kind: 'none' }],
    ['Actif', { kind: 'label', label: 'Actif' }],
    [
      { id: 8976, value: 84 },
      { kind: 'entry', entryId: '84' },
    ],
    [
      { id: 8976, value: '84' },
      { kind: 'entry', entryId: '84' },
    ],
    [{ value: 'Active' }, { kind: 'label', label: 'Active' }],
    [{ value: { id: 84, name: 'Active' } }, { kind: 'label', label: 'Active' }],
    [{ value: { id: 84 } }, { kind: 'entry', entryId: '84' }],
    // Bare values, as the user resource page shows them: a string is a label.
    ['84', { kind: 'label', label: '84' }],
    [84, { kind: 'entry', entryId: '84' }],
    [[1], null],
    [true, null],
    [1.5, null],
  ])('%j', (raw, expected) => {
    expect(readStatusValue(raw)).toEqual(expected);
  });
});

describe('definitions', () => {
  it('accepts the three envelopes and indexes the status field by code with or without e_', () => {
    const items = makeLuccaDefinitions();
    for (const body of [{ data: { items } }, { items }, items]) {
      const index = definitionsOf(body);
      expect(index.hasField).toBe(true);
      expect(index.labels.get('84')).toBe('Actif');
      expect(index.labels.has('90')).toBe(false);
    }
  });

  it('falls back to the entries of every definition when the field has none', () => {
    const index = definitionsOf(makeLuccaDefinitions({ statusField: 'e_other' }));
    expect(index.hasField).toBe(false);
    expect(index.labels.get('84')).toBe('Actif');
    expect(index.labels.get('90')).toBe('M');
  });
});

describe('parseUsersPayload', () => {
  const definitions = definitionsOf(makeLuccaDefinitions());

  it('maps a generated user to a core record', () => {
    const result = parseUsersPayload(
      { data: { items: makeLuccaUsers(2) } },
      { statusField: 'e_360_status', definitions },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records[1]).toEqual({
      luccaId: '1002',
      employeeNumber: 'E00002',
      firstName: 'Léa',
      lastName: 'Martin',
      email: 'lea.martin.2@acme.example',
      title: 'Développeuse',
      culture: 1033,
      managerLuccaId: '1001',
      legalEntityId: '2',
      contractStart: '2024-12-10',
      contractEnd: null,
      statusLabel: 'Actif',
    });
  });

  it('needs definitions for entry ids', () => {
    const result = parseUsersPayload(makeLuccaUsers(1), {
      statusField: 'e_360_status',
      definitions: null,
    });
    expect(result.ok ? null : result.issue.kind).toBe('needs-definitions');
  });
});
