import { describe, expect, it } from 'vitest';
import { buildPlan, defaultPlanOptions, type EmployeeRecord } from '../src/index.js';
import { employee } from './records.js';

const today = '2026-11-25';
const remindersOf = (records: EmployeeRecord[], leadDays = 7) =>
  buildPlan({
    records,
    previousRows: null,
    today,
    options: { ...defaultPlanOptions, onboardingLeadDays: leadDays },
  }).reminders;

describe('reminders', () => {
  it('reminds onboarding from lead days before the start, inclusive, with negative overdue for future starts', () => {
    const reminders = remindersOf([
      employee({ employeeNumber: '1', statusLabel: null, contractStart: '2026-12-02' }),
      employee({ employeeNumber: '2', statusLabel: null, contractStart: '2026-12-03' }),
      employee({ employeeNumber: '3', statusLabel: null, contractStart: '2026-11-20' }),
      employee({ employeeNumber: '4', statusLabel: null, contractStart: null }),
    ]);
    expect(reminders.map((r) => [r.employeeNumber, r.kind, r.dueSince, r.daysOverdue])).toEqual([
      ['3', 'onboarding', '2026-11-20', 5],
      ['4', 'onboarding', today, 0],
      ['1', 'onboarding', '2026-12-02', -7],
    ]);
  });
  it('skips onboarding once the contract ended, but not on its last day', () => {
    const reminders = remindersOf([
      employee({ employeeNumber: '1', statusLabel: null, contractEnd: '2026-11-24' }),
      employee({ employeeNumber: '2', statusLabel: null, contractEnd: today }),
    ]);
    expect(reminders.map((r) => r.employeeNumber)).toEqual(['2']);
  });
  it('reminds offboarding the day after the contract end for Active employees only', () => {
    const reminders = remindersOf([
      employee({ employeeNumber: '1', contractEnd: '2026-11-24' }),
      employee({ employeeNumber: '2', contractEnd: today }),
      employee({ employeeNumber: '3', contractEnd: '2026-10-31', statusLabel: 'Inactif' }),
      employee({
        employeeNumber: '4',
        contractEnd: '2026-10-31T00:00:00'.slice(0, 10),
        firstName: 'Zoé',
      }),
    ]);
    expect(
      reminders.map((r) => [r.employeeNumber, r.kind, r.dueSince, r.daysOverdue, r.name]),
    ).toEqual([
      ['4', 'offboarding', '2026-11-01', 24, 'Zoé Martin'],
      ['1', 'offboarding', today, 0, 'Jeanne Martin'],
    ]);
  });
  it('gives one fix-data reminder per employee whatever the number of errors, sorted by kind then number', () => {
    const reminders = remindersOf([
      employee({ employeeNumber: '10', email: null, firstName: null }),
      employee({ employeeNumber: '9', statusLabel: 'Maybe' }),
      employee({ employeeNumber: '8', contractEnd: '2026-11-24' }),
    ]);
    expect(reminders.map((r) => [r.kind, r.employeeNumber, r.daysOverdue])).toEqual([
      ['fix-data', '9', 0],
      ['fix-data', '10', 0],
      ['offboarding', '8', 0],
    ]);
    expect(reminders[1]?.action).toContain('missing-email');
  });
});
