import { describe, expect, it } from 'vitest';
import { codes, map } from './mapping-helpers.js';
import { employee } from './records.js';

describe('status (rule 2)', () => {
  it.each([
    ['Actif', 'Active'],
    [' ACTIVE ', 'Active'],
    ['inactif', 'Inactive'],
    ['Inactive', 'Inactive'],
  ])('maps %j to %s', (label, status) => {
    expect(map([employee({ statusLabel: label })]).rows[0]?.status).toBe(status);
  });
  it('accepts configured extra labels case-insensitively', () => {
    const result = map([employee({ statusLabel: 'aktiv' }), employee({ statusLabel: 'Inaktiv' })], {
      extraActiveLabels: ['Aktiv'],
      extraInactiveLabels: ['inaktiv'],
    });
    expect(result.rows.map((row) => row.status)).toEqual(['Active', 'Inactive']);
  });
  it('exports nobody without a status, with no problem at all', () => {
    const result = map([
      employee({ statusLabel: null, email: 'broken' }),
      employee({ statusLabel: '  ', employeeNumber: null }),
    ]);
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([]);
  });
  it('reports an unknown label and every other error without short-circuit', () => {
    const result = map([
      employee({ employeeNumber: '5', statusLabel: 'En cours', email: 'a@b', firstName: '' }),
    ]);
    expect(codes(result, '5').sort()).toEqual(['invalid-email', 'missing-name', 'unknown-status']);
    expect(result.rows).toEqual([]);
  });
});
