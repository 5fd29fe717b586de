import type { EmployeeRecord } from './employee.js';
import {
  checkFormulas,
  checkNames,
  columnFedBy,
  employeeNumberOf,
  invalidValueMessage,
  mapEmail,
  mapLanguage,
  normalizeText,
  statusReader,
  uniqueIdOf,
  type StatusReading,
} from './field-rules.js';
import type { PlanOptions } from './options.js';
import { problem, type Problem, type Raise } from './problems.js';
import { duplicateExclusions, linkManager, managerNotExported } from './relations.js';
import { compareUniqueIds, type UserRow } from './user-file.js';

const byUniqueId = (a: { readonly row: UserRow }, b: { readonly row: UserRow }): number =>
  compareUniqueIds(a.row.uniqueId, b.row.uniqueId);

/** An employee's status: a label read by rule 2, or a status field whose value cannot be read. */
export type EmployeeStatus = StatusReading | { readonly kind: 'unreadable' };

/** One in-scope employee after mapping: what reminders and reports need to know. */
export interface MappedEmployee {
  readonly record: EmployeeRecord;
  readonly luccaId: string | null;
  readonly employeeNumber: string | null;
  readonly uniqueId: string | null;
  readonly name: string;
  readonly status: EmployeeStatus;
  readonly exported: boolean;
  readonly problems: ReadonlyArray<Problem>;
}

interface MappingResult {
  /** Exported rows in uniqueId order. */
  readonly rows: ReadonlyArray<UserRow>;
  readonly problems: ReadonlyArray<Problem>;
  readonly employees: ReadonlyArray<MappedEmployee>;
}

interface Draft extends MappedEmployee {
  /** Null for an employee without status: never exported, no problem. */
  row: UserRow | null;
  manager: EmployeeRecord | null;
  /** Shared and empty until the first problem. */
  problems: Problem[];
  exported: boolean;
}

const noFields: ReadonlyArray<string> = [];
const noProblems: Problem[] = [];
const unreadable: EmployeeStatus = { kind: 'unreadable' };

const addProblem = (draft: Draft, found: Problem): void => {
  if (draft.problems === noProblems) draft.problems = [found];
  else draft.problems.push(found);
};

const feedsStatus = (field: string): boolean => columnFedBy(field) === 'status';

const draftOf = (
  record: EmployeeRecord,
  everyone: ReadonlyMap<string, EmployeeRecord>,
  options: PlanOptions,
  readStatus: (label: string | null) => StatusReading,
): Draft => {
  const invalidFields = record.invalidFields ?? noFields;
  const status: EmployeeStatus = invalidFields.some(feedsStatus)
    ? unreadable
    : readStatus(record.statusLabel);
  const firstName = normalizeText(record.firstName);
  const lastName = normalizeText(record.lastName);
  const draft: Draft = {
    employeeNumber: employeeNumberOf(record),
    luccaId: normalizeText(record.luccaId) || null,
    uniqueId: uniqueIdOf(record, options.uniqueId),
    record,
    name: lastName === '' ? firstName : firstName === '' ? lastName : `${firstName} ${lastName}`,
    status,
    row: null,
    manager: null,
    problems: noProblems,
    exported: false,
  };
  if (status.kind === 'missing') return draft;

  // A column fed by an odd Lucca value gets rule 10's error only, not "missing" and the like.
  const replaced: ReadonlyArray<string | null> | null =
    invalidFields.length === 0 ? null : invalidFields.map(columnFedBy);
  const raise: Raise = (code, field, message) => {
    if (replaced === null || !replaced.includes(field))
      addProblem(draft, problem(draft, code, field, message));
  };
  if (status.kind === 'unknown')
    raise(
      'unknown-status',
      'status',
      `360 status "${status.label}" is neither Active nor Inactive: pick Active or Inactive in Lucca (or add the label to SYNC360_ACTIVE_LABELS / SYNC360_INACTIVE_LABELS).`,
    );
  if (draft.uniqueId === null)
    raise(
      'missing-employee-number',
      'uniqueId',
      'No employee number: add it in Lucca (it is the 360 unique id).',
    );
  const email = mapEmail(record.email, raise);
  const language = mapLanguage(record.culture, options.defaultLanguage, raise);
  const link = linkManager(draft, record, everyone, options.uniqueId, raise);
  const row: UserRow = {
    uniqueId: draft.uniqueId ?? '',
    email,
    firstName,
    lastName,
    title: normalizeText(record.title),
    language,
    managerId: link.managerId,
    status: status.kind === 'known' ? status.status : 'Inactive',
  };
  checkNames(row, raise);
  checkFormulas(row, raise);
  if (invalidFields.length > 0)
    for (const field of new Set(invalidFields))
      addProblem(draft, problem(draft, 'invalid-lucca-value', field, invalidValueMessage(field)));
  draft.row = row;
  draft.manager = link.manager;
  return draft;
};

const exportable = (draft: Draft): draft is Draft & { readonly row: UserRow } => {
  if (draft.row === null) return false;
  for (const found of draft.problems) if (found.severity === 'error') return false;
  return true;
};

/**
 * Every mapping rule with its precedence: an employee without a status gets no problem and is
 * only used for manager lookup and reminders; every other one gets every applicable problem; the
 * duplicate checks run last, among employees with a status and no other error. Employees outside
 * the configured legal entities are only used for manager lookup. Problems never throw.
 */
export const mapEmployees = (
  records: ReadonlyArray<EmployeeRecord>,
  options: PlanOptions,
): MappingResult => {
  const everyone = new Map<string, EmployeeRecord>();
  for (const record of records) {
    const id = normalizeText(record.luccaId);
    if (id !== '' && !everyone.has(id)) everyone.set(id, record);
  }
  const readStatus = statusReader(options.extraActiveLabels, options.extraInactiveLabels);
  const entities = options.legalEntities;
  const drafts: Draft[] = [];
  const candidates: Array<Draft & { readonly row: UserRow }> = [];
  for (const record of records) {
    if (entities !== null && !entities.includes(normalizeText(record.legalEntityId))) continue;
    const draft = draftOf(record, everyone, options, readStatus);
    drafts.push(draft);
    if (exportable(draft)) candidates.push(draft);
  }
  // In file order first: the rows then need no sort of their own.
  candidates.sort(byUniqueId);
  const excluded = duplicateExclusions(candidates);
  for (const [candidate, found] of excluded) addProblem(candidate, found);
  const rows: UserRow[] = [];
  const exportedRecords = new Set<EmployeeRecord>();
  for (const candidate of candidates) {
    if (excluded.has(candidate)) continue;
    candidate.exported = true;
    rows.push(candidate.row);
    exportedRecords.add(candidate.record);
  }
  const problems: Problem[] = [];
  for (const draft of drafts) {
    if (draft.row !== null && draft.manager !== null && !exportedRecords.has(draft.manager))
      addProblem(draft, managerNotExported(draft, draft.row.managerId));
    for (const found of draft.problems) problems.push(found);
  }
  return {
    rows,
    problems,
    employees: drafts,
  };
};
