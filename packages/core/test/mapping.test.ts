import { describe, expect, it } from 'vitest';
import {
  buildPlan,
  defaultPlanOptions,
  mapEmployees,
  type EmployeeRecord,
  type PlanOptions,
} from '../src/index.js';
import { employee } from './records.js';

const map = (records: Parameters<typeof mapEmployees>[0], options: Partial<PlanOptions> = {}) =>
  mapEmployees(records, { ...defaultPlanOptions, ...options });
const codes = (result: ReturnType<typeof map>, number: string | null) =>
  result.problems
    .filter((problem) => problem.employeeNumber === number)
    .map((problem) => problem.code);

describe('text normalisation (rule 1)', () => {
  it('keeps accents and apostrophes, turns control characters into spaces and collapses runs', () => {
    const result = map([
      employee({
        employeeNumber: ' 7 ',
        firstName: 'Ame\u0301lie\t\r\n  Zoé',
        lastName: "  L'Hôpital ",
        title: 'Chef\u0000de\u0007projet',
      }),
    ]);
    expect(result.rows[0]).toMatchObject({
      uniqueId: '7',
      firstName: 'Amélie Zoé',
      lastName: "L'Hôpital",
      title: 'Chef de projet',
    });
    expect(result.rows[0]?.firstName.normalize('NFC')).toBe(result.rows[0]?.firstName);
  });
});

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

describe('employee number (rule 3)', () => {
  it('flags a missing number as an error carrying the Lucca id', () => {
    const result = map([employee({ employeeNumber: '  ', luccaId: '99' })]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'missing-employee-number',
        employeeNumber: null,
        luccaId: '99',
        severity: 'error',
        field: 'uniqueId',
      }),
    ]);
  });
  it('excludes every employee sharing a number', () => {
    const result = map([
      employee({ employeeNumber: '42' }),
      employee({ employeeNumber: ' 42' }),
      employee({ employeeNumber: '43' }),
    ]);
    expect(result.rows.map((row) => row.uniqueId)).toEqual(['43']);
    expect(codes(result, '42')).toEqual(['duplicate-employee-number', 'duplicate-employee-number']);
  });
  it('does not count an employee with another error as a duplicate', () => {
    const result = map([
      employee({ employeeNumber: '42' }),
      employee({ employeeNumber: '42', email: null }),
    ]);
    expect(result.rows.map((row) => row.uniqueId)).toEqual(['42']);
    expect(codes(result, '42')).toEqual(['missing-email']);
  });
  it('prefixes the legal entity with the entity-employeeNumber strategy, for managers too', () => {
    const boss = employee({ employeeNumber: '1', legalEntityId: '2' });
    const result = map(
      [boss, employee({ employeeNumber: '1', legalEntityId: '3', managerLuccaId: boss.luccaId })],
      { uniqueId: 'entity-employeeNumber' },
    );
    expect(result.rows.map((row) => [row.uniqueId, row.managerId])).toEqual([
      ['2-1', ''],
      ['3-1', '2-1'],
    ]);
  });
});

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

describe('names and title (rule 6)', () => {
  it('requires both names but allows an empty title', () => {
    const result = map([
      employee({ employeeNumber: '1', lastName: ' ' }),
      employee({ employeeNumber: '2', title: null }),
    ]);
    expect(codes(result, '1')).toEqual(['missing-name']);
    expect(result.rows.map((row) => [row.uniqueId, row.title])).toEqual([['2', '']]);
  });
  it('keeps commas, quotes and newlines-as-spaces in names', () => {
    const result = map([employee({ firstName: 'Anne, "Nan"\nMarie' })]);
    expect(result.rows[0]?.firstName).toBe('Anne, "Nan" Marie');
  });
});

describe('language (rule 7)', () => {
  it.each([
    [1036, 'fr'],
    [2057, 'en'],
    [3079, 'de'],
    [2058, 'es'],
    [2064, 'it'],
    [2067, 'nl'],
    [1046, 'pt'],
    [1045, 'pl'],
    ['fr-FR', 'fr'],
    ['4108', 'fr'],
  ])('maps %j to %s', (culture, language) => {
    const result = map([employee({ culture })]);
    expect(result.rows[0]?.language).toBe(language);
    expect(result.problems).toEqual([]);
  });
  it.each([[9999], [null], ['klingon']])(
    'falls back to the default language for %j with a warning',
    (culture) => {
      const result = map([employee({ culture })], { defaultLanguage: 'en' });
      expect(result.rows[0]?.language).toBe('en');
      expect(result.problems.map((problem) => problem.code)).toEqual(['unknown-language']);
    },
  );
});

describe('manager (rule 8)', () => {
  it('links managers through the chain, including former employees and users without status', () => {
    const former = employee({ employeeNumber: '1', statusLabel: null, contractEnd: '2020-01-01' });
    const middle = employee({ employeeNumber: '2', managerLuccaId: former.luccaId });
    const report = employee({ employeeNumber: '3', managerLuccaId: middle.luccaId });
    const result = map([former, middle, report]);
    expect(result.rows.map((row) => [row.uniqueId, row.managerId])).toEqual([
      ['2', '1'],
      ['3', '2'],
    ]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        employeeNumber: '2',
        code: 'manager-not-exported',
        severity: 'warning',
      }),
    ]);
  });
  it('handles unknown managers, managers without number and self-managers', () => {
    const nameless = employee({ employeeNumber: null, statusLabel: null });
    const self = employee({ employeeNumber: '3' });
    const result = map([
      nameless,
      employee({ employeeNumber: '1', managerLuccaId: '424242' }),
      employee({ employeeNumber: '2', managerLuccaId: nameless.luccaId }),
      { ...self, managerLuccaId: self.luccaId },
    ]);
    expect(result.rows.map((row) => row.managerId)).toEqual(['', '', '']);
    expect([codes(result, '1'), codes(result, '2'), codes(result, '3')]).toEqual([
      ['manager-not-found'],
      ['manager-without-number'],
      ['manager-self'],
    ]);
  });
  it('looks managers up outside the exported legal entities', () => {
    const boss = employee({ employeeNumber: '1', legalEntityId: '9' });
    const result = map([boss, employee({ employeeNumber: '2', managerLuccaId: boss.luccaId })], {
      legalEntities: ['1'],
    });
    expect(result.rows.map((row) => [row.uniqueId, row.managerId])).toEqual([['2', '1']]);
    expect(codes(result, '2')).toEqual(['manager-not-exported']);
    expect(codes(result, '1')).toEqual([]);
  });
});

describe('formula-like values (rule 9)', () => {
  it('exports the value unchanged with one warning per field', () => {
    const result = map([
      employee({ employeeNumber: '1', firstName: '=cmd', lastName: '+1', title: '@SUM(A1)' }),
    ]);
    expect(result.rows[0]).toMatchObject({ firstName: '=cmd', lastName: '+1', title: '@SUM(A1)' });
    expect(result.problems.map((problem) => [problem.code, problem.field])).toEqual([
      ['formula-like-value', 'firstName'],
      ['formula-like-value', 'lastName'],
      ['formula-like-value', 'title'],
    ]);
  });
  it('flags a negative-looking employee number', () => {
    expect(
      map([employee({ employeeNumber: '-12' })]).problems.map((problem) => problem.field),
    ).toEqual(['uniqueId']);
  });
});

describe('manager sharing the employee number (rule 8)', () => {
  it('is manager-self even under another Lucca id', () => {
    const former = employee({ employeeNumber: '77', statusLabel: null, contractEnd: '2020-01-01' });
    const rehire = employee({ employeeNumber: '77', managerLuccaId: former.luccaId });
    const result = map([former, rehire]);
    expect(result.rows.map((row) => [row.uniqueId, row.managerId])).toEqual([['77', '']]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        luccaId: rehire.luccaId,
        code: 'manager-self',
        severity: 'warning',
        field: 'managerId',
      }),
    ]);
  });
});

describe('values of an unexpected type in Lucca (rule 10)', () => {
  const today = '2026-11-25';
  const planOf = (records: EmployeeRecord[]) =>
    buildPlan({ records, previousRows: null, today, options: defaultPlanOptions });

  it('is one error per field, names the field, keeps the row out and asks for one fix', () => {
    const odd = employee({
      employeeNumber: '5',
      firstName: null,
      email: null,
      title: null,
      invalidFields: ['firstName', 'mail', 'jobTitle'],
    });
    const plan = planOf([odd, employee({ employeeNumber: '6' })]);
    expect(plan.rows.map((row) => row.uniqueId)).toEqual(['6']);
    expect(plan.problems.map((problem) => [problem.code, problem.severity, problem.field])).toEqual(
      [
        ['invalid-lucca-value', 'error', 'firstName'],
        ['invalid-lucca-value', 'error', 'mail'],
        ['invalid-lucca-value', 'error', 'jobTitle'],
      ],
    );
    for (const problem of plan.problems) {
      expect(problem).toMatchObject({ employeeNumber: '5', luccaId: odd.luccaId });
      expect(problem.message).toContain(problem.field ?? '');
      expect(problem.message).toMatch(/correct it in Lucca/);
      expect(problem.message).not.toMatch(/\[\d+\]|index|item \d/);
    }
    expect(plan.reminders).toEqual([
      expect.objectContaining({ kind: 'fix-data', employeeNumber: '5' }),
    ]);
    expect(plan.reminders[0]?.action).toContain('invalid-lucca-value');
  });

  it('comes with the other rules’ problems on other fields, and never coerces', () => {
    const result = map([
      employee({
        employeeNumber: '5',
        culture: null,
        email: 'not-an-email',
        invalidFields: ['culture'],
      }),
    ]);
    expect(codes(result, '5')).toEqual(['invalid-email', 'invalid-lucca-value']);
    expect(result.problems.map((problem) => problem.field)).toEqual(['email', 'culture']);
  });

  it('takes an odd contract date out of the file for a user with a status', () => {
    const plan = planOf([
      employee({ employeeNumber: '5', contractEnd: null, invalidFields: ['dtContractEnd'] }),
    ]);
    expect(plan.rows).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({ code: 'invalid-lucca-value', field: 'dtContractEnd' }),
    ]);
  });

  it('gives a user without status no problem; an odd contract date only skips onboarding', () => {
    const noStatus = (overrides: Partial<EmployeeRecord>) =>
      employee({ statusLabel: null, contractStart: null, ...overrides });
    const plan = planOf([
      noStatus({ employeeNumber: '1', firstName: null, invalidFields: ['firstName'] }),
      noStatus({ employeeNumber: '2', invalidFields: ['dtContractStart'] }),
      noStatus({ employeeNumber: '3', invalidFields: ['dtContractEnd'] }),
      noStatus({ employeeNumber: '4' }),
    ]);
    expect(plan.problems).toEqual([]);
    expect(plan.rows).toEqual([]);
    expect(plan.reminders.map((reminder) => [reminder.employeeNumber, reminder.kind])).toEqual([
      ['1', 'onboarding'],
      ['4', 'onboarding'],
    ]);
  });

  it('reads an odd status field value as a status that cannot be read, not as no status', () => {
    const plan = planOf([
      employee({
        employeeNumber: '5',
        statusLabel: null,
        contractStart: null,
        invalidFields: ['extendedData.e_360_status'],
      }),
    ]);
    expect(plan.rows).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        code: 'invalid-lucca-value',
        severity: 'error',
        field: 'extendedData.e_360_status',
        employeeNumber: '5',
      }),
    ]);
    expect(plan.reminders.map((reminder) => reminder.kind)).toEqual(['fix-data']);
  });

  it('reads an odd extendedData object as a status that cannot be read too', () => {
    const plan = planOf([
      employee({ employeeNumber: '5', statusLabel: null, invalidFields: ['extendedData'] }),
    ]);
    expect(plan.problems.map((problem) => [problem.code, problem.field])).toEqual([
      ['invalid-lucca-value', 'extendedData'],
    ]);
    expect(plan.problems[0]?.message).toContain('360 status');
  });

  it('does not make an employee with an odd value a duplicate of another', () => {
    const result = map([
      employee({ employeeNumber: '42' }),
      employee({ employeeNumber: '42', title: null, invalidFields: ['jobTitle'] }),
    ]);
    expect(result.rows.map((row) => row.uniqueId)).toEqual(['42']);
    expect(codes(result, '42')).toEqual(['invalid-lucca-value']);
  });
});
