import { describe, expect, it } from 'vitest';
import { map } from './mapping-helpers.js';
import { employee } from './records.js';

describe('email (rules 4 and 5)', () => {
  it('trims and lowercases', () => {
    expect(map([employee({ email: '  Jeanne.MARTIN@Exemple.FR ' })]).rows[0]?.email).toBe(
      'jeanne.martin@exemple.fr',
    );
  });
  it.each([['a@@b.fr'], ['@b.fr'], ['a@bfr'], ['a b@c.fr'], ['ab.fr']])('rejects %j', (email) => {
    expect(
      map([employee({ employeeNumber: '1', email })]).problems.map((problem) => problem.code),
    ).toContain('invalid-email');
  });
  it('keeps the lone Active of a duplicate email (rehire) and drops the Inactive with a warning', () => {
    const result = map([
      employee({ employeeNumber: '10', email: 'Jo@x.fr', statusLabel: 'Inactif' }),
      employee({ employeeNumber: '11', email: 'jo@X.fr', statusLabel: 'Actif' }),
    ]);
    expect(result.rows.map((row) => row.uniqueId)).toEqual(['11']);
    expect(result.problems).toEqual([
      expect.objectContaining({
        employeeNumber: '10',
        code: 'duplicate-email-inactive-dropped',
        severity: 'warning',
      }),
    ]);
  });
  it('rejects every holder when no single Active exists', () => {
    const both = map([
      employee({ employeeNumber: '10', email: 'jo@x.fr' }),
      employee({ employeeNumber: '11', email: 'JO@x.fr' }),
    ]);
    expect(both.rows).toEqual([]);
    expect(both.problems.map((problem) => problem.code)).toEqual([
      'duplicate-email',
      'duplicate-email',
    ]);
    const inactive = map([
      employee({ email: 'jo@x.fr', statusLabel: 'Inactif' }),
      employee({ email: 'jo@x.fr', statusLabel: 'Inactif' }),
    ]);
    expect(inactive.rows).toEqual([]);
  });
});
