import type { UserRow } from './columns.js';
import { renderCsv, type RenderedFile } from './csv.js';
import { diffFiles, type FileDiff } from './diff.js';
import type { EmployeeRecord } from './employee.js';
import { evaluateGuard, type GuardVerdict } from './guard.js';
import { mapEmployees, type MappedEmployee } from './map-employees.js';
import type { PlanOptions } from './options.js';
import type { Problem } from './problems.js';
import { buildReminders } from './reminders.js';
import type { Reminder } from './reminders-types.js';

export interface PlanInput {
  readonly records: ReadonlyArray<EmployeeRecord>;
  /** Rows of the last delivered file, or null when there is none (no baseline). */
  readonly previousRows: ReadonlyArray<UserRow> | null;
  readonly today: string;
  readonly options: PlanOptions;
}

export interface PlanCounts {
  readonly employees: number;
  readonly active: number;
  readonly inactive: number;
  readonly notExported: number;
  readonly errors: number;
  readonly warnings: number;
}

/** Everything a run would do, as a plain value: printing it is a dry run, applying it a run. */
export interface Plan {
  readonly today: string;
  readonly rows: ReadonlyArray<UserRow>;
  readonly problems: ReadonlyArray<Problem>;
  readonly employees: ReadonlyArray<MappedEmployee>;
  readonly reminders: ReadonlyArray<Reminder>;
  readonly diff: FileDiff | null;
  readonly guard: GuardVerdict;
  readonly file: RenderedFile;
  readonly counts: PlanCounts;
}

export const buildPlan = ({ records, previousRows, today, options }: PlanInput): Plan => {
  const mapping = mapEmployees(records, options);
  const diff = previousRows === null ? null : diffFiles(previousRows, mapping.rows);
  const errors = mapping.problems.filter((item) => item.severity === 'error').length;
  return {
    today,
    rows: mapping.rows,
    problems: mapping.problems,
    employees: mapping.employees,
    reminders: buildReminders(mapping.employees, today, options.onboardingLeadDays),
    diff,
    guard: evaluateGuard(mapping.rows.length, diff, options.maxDeactivations),
    file: renderCsv(mapping.rows, options.header, options.delimiter),
    counts: {
      employees: records.length,
      active: mapping.rows.filter((row) => row.status === 'Active').length,
      inactive: mapping.rows.filter((row) => row.status === 'Inactive').length,
      notExported: records.length - mapping.rows.length,
      errors,
      warnings: mapping.problems.length - errors,
    },
  };
};
