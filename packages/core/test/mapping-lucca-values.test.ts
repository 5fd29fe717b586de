import { describe, expect, it } from 'vitest';
import { buildPlan, defaultPlanOptions, type EmployeeRecord } from '../src/index.js';
import { codes, map } from './mapping-helpers.js';
import { employee } from './records.js';

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
