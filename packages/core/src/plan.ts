import { compareFiles, type Change, type GuardVerdict } from './diff.js';
import type { EmployeeRecord } from './employee.js';
import { mapEmployees, type MappedEmployee } from './map-employees.js';
import type { PlanOptions } from './options.js';
import type { Problem, ProblemCode } from './problems.js';
import { buildReminders, compareReminders, type Reminder } from './reminders.js';
import type { ChangeCounts } from './report.js';
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
  const notExported: MappedEmployee[] = [];
  for (const employee of employees) {
    if (employee.uniqueId === null) continue;
    if (employee.exported) ids.set(employee.uniqueId, employee.luccaId);
    else notExported.push(employee);
  }
  const others = new Map<string, string | null>();
  for (const { uniqueId, luccaId } of notExported) {
    if (uniqueId === null || ids.has(uniqueId)) continue;
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
  let errors = 0;
  for (const found of mapping.problems) if (found.severity === 'error') errors += 1;
  let active = 0;
  for (const row of mapping.rows) if (row.status === 'Active') active += 1;
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
      active,
      inactive: mapping.rows.length - active,
      notExported: records.length - mapping.rows.length,
      errors,
      warnings: mapping.problems.length - errors,
    },
  };
};

/** A warning raised while delivering (360Learning's API): about one row of the file. */
export interface DeliveryProblem {
  /** Null when it is about a 360Learning account that no row matches. */
  readonly uniqueId: string | null;
  readonly code: ProblemCode;
  readonly field: string | null;
  readonly message: string;
  /** Also a `fix-data` reminder for the HR admins (what 360Learning refused). */
  readonly fixData: boolean;
}

/**
 * The plan with delivery-stage warnings added as problems (and, where asked, `fix-data`
 * reminders), so the report, console and Slack show them like the mapping's own.
 */
export const withDeliveryProblems = (plan: Plan, found: ReadonlyArray<DeliveryProblem>): Plan => {
  if (found.length === 0) return plan;
  const byUniqueId = new Map(
    plan.employees.flatMap((employee) =>
      employee.exported && employee.uniqueId !== null ? [[employee.uniqueId, employee]] : [],
    ),
  );
  const employeeOf = (uniqueId: string | null) =>
    uniqueId === null ? undefined : byUniqueId.get(uniqueId);
  const problems: Problem[] = found.map((item) => ({
    employeeNumber: item.uniqueId,
    luccaId: employeeOf(item.uniqueId)?.luccaId ?? null,
    code: item.code,
    severity: 'warning',
    field: item.field,
    message: item.message,
  }));
  const reminders: Reminder[] = found
    .filter((item) => item.fixData)
    .map((item) => ({
      luccaId: employeeOf(item.uniqueId)?.luccaId ?? null,
      employeeNumber: item.uniqueId,
      name: employeeOf(item.uniqueId)?.name ?? '',
      kind: 'fix-data',
      dueSince: plan.today,
      daysOverdue: 0,
      action: item.message,
    }));
  return {
    ...plan,
    problems: [...plan.problems, ...problems],
    reminders: [...plan.reminders, ...reminders].sort(compareReminders),
    counts: { ...plan.counts, warnings: plan.counts.warnings + problems.length },
  };
};
