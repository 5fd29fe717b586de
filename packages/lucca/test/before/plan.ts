import { compareFiles, type Change, type GuardVerdict } from './diff.js';
import type { ChangeCounts, EmployeeRecord, PlanOptions } from '@sync360/core';
import { mapEmployees, type MappedEmployee } from './map-employees.js';
import type { Problem } from './problems.js';
import { buildReminders, type Reminder } from './reminders.js';
import { renderCsv, type RenderedFile, type UserRow } from './user-file.js';

interface PlanInput {
  readonly records: ReadonlyArray<EmployeeRecord>;
  /** Rows of the last delivered file, or null when there is none (no baseline). */
  readonly previousRows: ReadonlyArray<UserRow> | null;
  readonly today: string;
  readonly options: PlanOptions;
}

interface PlanCounts {
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
  /** Null without a previous file; `changeList` is there either way. */
  readonly changes: ChangeCounts | null;
  readonly changeList: ReadonlyArray<Change>;
  readonly guard: GuardVerdict;
  readonly file: RenderedFile;
  readonly counts: PlanCounts;
}

/**
 * The Lucca id behind each uniqueId: the exported employee's, else that of the one in-scope
 * employee still read under that id (a dropped row that now has an error), else null.
 */
const luccaIdsByUniqueId = (
  employees: ReadonlyArray<MappedEmployee>,
): Map<string, string | null> => {
  const ids = new Map<string, string | null>();
  for (const employee of employees)
    if (employee.exported && employee.uniqueId !== null)
      ids.set(employee.uniqueId, employee.luccaId);
  const others = new Map<string, string | null>();
  for (const { exported, uniqueId, luccaId } of employees) {
    if (exported || uniqueId === null || ids.has(uniqueId)) continue;
    others.set(uniqueId, others.has(uniqueId) ? null : luccaId);
  }
  for (const [uniqueId, luccaId] of others) ids.set(uniqueId, luccaId);
  return ids;
};

export const buildPlan = ({ records, previousRows, today, options }: PlanInput): Plan => {
  const mapping = mapEmployees(records, options);
  const comparison = compareFiles(
    previousRows,
    mapping.rows,
    options.maxDeactivations,
    luccaIdsByUniqueId(mapping.employees),
  );
  const errors = mapping.problems.filter((item) => item.severity === 'error').length;
  return {
    today,
    rows: mapping.rows,
    problems: mapping.problems,
    employees: mapping.employees,
    reminders: buildReminders(mapping.employees, today, options.onboardingLeadDays),
    ...comparison,
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
