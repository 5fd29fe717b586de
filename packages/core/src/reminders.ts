import { addDays, daysBetween } from './dates.js';
import type { MappedEmployee } from './map-employees.js';
import type { Problem } from './problems.js';
import { compareUniqueIds } from './user-file.js';

export type ReminderKind = 'onboarding' | 'offboarding' | 'fix-data';

export interface Reminder {
  readonly luccaId: string | null;
  readonly employeeNumber: string | null;
  readonly name: string;
  readonly kind: ReminderKind;
  readonly dueSince: string;
  readonly daysOverdue: number;
  readonly action: string;
}

const reminder = (
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

const noFields: ReadonlyArray<string> = [];
const isContractDate = (field: string): boolean =>
  field === 'dtContractStart' || field === 'dtContractEnd';
const isError = (found: Problem): boolean => found.severity === 'error';

const addReminders = (
  employee: MappedEmployee,
  today: string,
  horizon: string,
  found: Reminder[],
): void => {
  const { contractStart: start, contractEnd: end, invalidFields = noFields } = employee.record;
  const { status } = employee;
  // An unreadable contract date is unknown, not absent: no onboarding reminder on a guess.
  const datesKnown = !invalidFields.some(isContractDate);
  if (
    status.kind === 'missing' &&
    datesKnown &&
    (start === null || start <= horizon) &&
    (end === null || end >= today)
  ) {
    found.push(
      reminder(
        employee,
        'onboarding',
        start ?? today,
        today,
        'Set the 360 status to Active in Lucca.',
      ),
    );
  }
  if (status.kind === 'known' && status.status === 'Active' && end !== null && end < today) {
    found.push(
      reminder(
        employee,
        'offboarding',
        addDays(end, 1),
        today,
        `Contract ended on ${end}: set the 360 status to Inactive in Lucca.`,
      ),
    );
  }
  if (employee.problems.some(isError)) {
    const codes = new Set(
      employee.problems.filter((item) => item.severity === 'error').map((item) => item.code),
    );
    found.push(
      reminder(
        employee,
        'fix-data',
        today,
        today,
        `Fix in Lucca so the employee can be exported (${[...codes].join(', ')}).`,
      ),
    );
  }
};

const compareNullableNumbers = (a: string | null, b: string | null): number =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : compareUniqueIds(a, b);

/** Most overdue first, then by kind, then by employee number (none last). */
export const compareReminders = (a: Reminder, b: Reminder): number =>
  b.daysOverdue - a.daysOverdue ||
  (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
  compareNullableNumbers(a.employeeNumber, b.employeeNumber);

/**
 * Onboarding (no status, contract started or starting within the lead days, not ended),
 * offboarding (Active, contract ended before today) and one fix-data reminder per employee with
 * an error. Dates are calendar days; `daysOverdue` is today minus `dueSince`.
 */
export const buildReminders = (
  employees: ReadonlyArray<MappedEmployee>,
  today: string,
  leadDays: number,
): Reminder[] => {
  const horizon = addDays(today, leadDays);
  const found: Reminder[] = [];
  for (const employee of employees) addReminders(employee, today, horizon, found);
  return found.sort(compareReminders);
};
