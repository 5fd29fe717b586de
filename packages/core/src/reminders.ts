import { addDays, daysBetween } from './dates.js';
import type { MappedEmployee } from './map-employees.js';
import type { Reminder, ReminderKind } from './reminders-types.js';
import { compareUniqueIds } from './sort.js';

const reminderOf = (
  employee: MappedEmployee,
  kind: ReminderKind,
  dueSince: string,
  today: string,
  action: string,
): Reminder => ({
  luccaId: employee.luccaId,
  employeeNumber: employee.employeeNumber,
  name: employee.name,
  kind,
  dueSince,
  daysOverdue: daysBetween(dueSince, today),
  action,
});

const remindersOf = (employee: MappedEmployee, today: string, horizon: string): Reminder[] => {
  const { contractStart: start, contractEnd: end } = employee.record;
  const found: Reminder[] = [];
  if (
    employee.status.kind === 'missing' &&
    (start === null || start <= horizon) &&
    (end === null || end >= today)
  ) {
    found.push(
      reminderOf(
        employee,
        'onboarding',
        start ?? today,
        today,
        'Set the 360 status to Active in Lucca.',
      ),
    );
  }
  if (
    employee.status.kind === 'known' &&
    employee.status.status === 'Active' &&
    end !== null &&
    end < today
  ) {
    found.push(
      reminderOf(
        employee,
        'offboarding',
        addDays(end, 1),
        today,
        `Contract ended on ${end}: set the 360 status to Inactive in Lucca.`,
      ),
    );
  }
  const errors = employee.problems.filter((item) => item.severity === 'error');
  if (errors.length > 0) {
    const codes = [...new Set(errors.map((item) => item.code))].join(', ');
    found.push(
      reminderOf(
        employee,
        'fix-data',
        today,
        today,
        `Fix in Lucca so the employee can be exported (${codes}).`,
      ),
    );
  }
  return found;
};

const compareNullableNumbers = (a: string | null, b: string | null): number =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : compareUniqueIds(a, b);

export const compareReminders = (a: Reminder, b: Reminder): number =>
  b.daysOverdue - a.daysOverdue ||
  (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
  compareNullableNumbers(a.employeeNumber, b.employeeNumber);

/** SPEC §5: onboarding, offboarding and fix-data tasks, most overdue first. */
export const buildReminders = (
  employees: ReadonlyArray<MappedEmployee>,
  today: string,
  leadDays: number,
): Reminder[] => {
  const horizon = addDays(today, leadDays);
  return employees
    .flatMap((employee) => remindersOf(employee, today, horizon))
    .sort(compareReminders);
};
