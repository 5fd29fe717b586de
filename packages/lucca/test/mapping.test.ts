import { makeLuccaDefinitions, makeLuccaUsers } from '@sync360/testkit/lucca-server';
import { describe, expect, it } from 'vitest';
import {
  indexDefinitions,
  parseDefinitionsPayload,
  parseUsersPayload,
  readStatusValue,
} from '../src/index.js';

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
    [[1], null],
    [true, null],
  ])('%j', (raw, expected) => {
    expect(readStatusValue(raw)).toEqual(expected);
  });
});

describe('definitions', () => {
  it('accepts the three envelopes and indexes the status field by code with or without e_', () => {
    const items = makeLuccaDefinitions();
    for (const body of [{ data: { items } }, { items }, items]) {
      const parsed = parseDefinitionsPayload(body);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      const index = indexDefinitions(parsed.definitions, 'e_360_status');
      expect(index.hasField).toBe(true);
      expect(index.labels.get('84')).toBe('Actif');
      expect(index.labels.has('90')).toBe(false);
    }
  });

  it('falls back to the entries of every definition when the field has none', () => {
    const index = indexDefinitions(
      makeLuccaDefinitions({ statusField: 'e_other' }),
      'e_360_status',
    );
    expect(index.hasField).toBe(false);
    expect(index.labels.get('84')).toBe('Actif');
    expect(index.labels.get('90')).toBe('M');
  });
});

describe('parseUsersPayload', () => {
  const definitions = indexDefinitions(makeLuccaDefinitions(), 'e_360_status');

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
