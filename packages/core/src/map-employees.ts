import type { UserRow, UserStatus } from './columns.js';
import type { EmployeeRecord } from './employee.js';
import type { PlanOptions } from './options.js';
import type { Problem } from './problems.js';
import { duplicateProblems, type DuplicateCandidate } from './rules/duplicates-rule.js';
import { employeeNumberOf, uniqueIdOf } from './rules/employee-number.js';
import { mapEmail } from './rules/email-rule.js';
import { formulaWarnings } from './rules/formula-rule.js';
import { mapLanguage } from './rules/language-rule.js';
import { linkManager, managerNotExported } from './rules/manager-rule.js';
import { mapNames } from './rules/names-rule.js';
import { problem } from './rules/problem.js';
import { sortByUniqueId } from './sort.js';
import { statusReader, type StatusReading } from './status.js';
import { normalizeText } from './text.js';

/** One in-scope employee after mapping: what reminders and reports need to know. */
export interface MappedEmployee {
  readonly record: EmployeeRecord;
  readonly luccaId: string | null;
  readonly employeeNumber: string | null;
  readonly uniqueId: string | null;
  readonly name: string;
  readonly status: StatusReading;
  readonly exported: boolean;
  readonly problems: ReadonlyArray<Problem>;
}

export interface MappingResult {
  readonly rows: ReadonlyArray<UserRow>;
  readonly problems: ReadonlyArray<Problem>;
  readonly employees: ReadonlyArray<MappedEmployee>;
}

interface Draft extends DuplicateCandidate {
  readonly record: EmployeeRecord;
  readonly reading: StatusReading;
  readonly row: UserRow | null;
  readonly manager: EmployeeRecord | null;
  readonly name: string;
  problems: Problem[];
  exported: boolean;
}

const fullName = (firstName: string, lastName: string): string => `${firstName} ${lastName}`.trim();

const inScope = (record: EmployeeRecord, entities: ReadonlyArray<string> | null): boolean =>
  entities === null || entities.includes(normalizeText(record.legalEntityId));

type ReadStatus = (label: string | null) => StatusReading;

const append = (target: Problem[], found: ReadonlyArray<Problem>): void => {
  for (const item of found) target.push(item);
};

const draftOf = (
  record: EmployeeRecord,
  everyone: ReadonlyMap<string, EmployeeRecord>,
  options: PlanOptions,
  readStatus: ReadStatus,
): Draft => {
  const employeeNumber = employeeNumberOf(record);
  const luccaId = record.luccaId === null ? null : normalizeText(record.luccaId);
  const subject = { employeeNumber, luccaId };
  const reading = readStatus(record.statusLabel);
  const uniqueId = uniqueIdOf(record, options.uniqueId);
  if (reading.kind === 'missing') {
    const name = fullName(normalizeText(record.firstName), normalizeText(record.lastName));
    return {
      employeeNumber,
      luccaId,
      record,
      reading,
      uniqueId: uniqueId ?? '',
      manager: null,
      name,
      email: '',
      status: 'Inactive',
      row: null,
      problems: [],
      exported: false,
    };
  }
  const problems: Problem[] = [];
  if (reading.kind === 'unknown') {
    problems.push(
      problem(
        subject,
        'unknown-status',
        'status',
        `360 status "${reading.label}" is neither Active nor Inactive: pick Active or Inactive in Lucca (or add the label to SYNC360_ACTIVE_LABELS / SYNC360_INACTIVE_LABELS).`,
      ),
    );
  }
  if (uniqueId === null) {
    problems.push(
      problem(
        subject,
        'missing-employee-number',
        'uniqueId',
        'No employee number: add it in Lucca (it is the 360 unique id).',
      ),
    );
  }
  const email = mapEmail(subject, record.email);
  const names = mapNames(subject, record);
  const language = mapLanguage(subject, record.culture, options.defaultLanguage);
  const link = linkManager(subject, record, uniqueId, everyone, options.uniqueId);
  const status: UserStatus = reading.kind === 'known' ? reading.status : 'Inactive';
  const row: UserRow = {
    uniqueId: uniqueId ?? '',
    email: email.email,
    firstName: names.firstName,
    lastName: names.lastName,
    title: names.title,
    language: language.language,
    managerId: link.managerId,
    status,
  };
  append(problems, email.problems);
  append(problems, names.problems);
  append(problems, language.problems);
  append(problems, link.problems);
  append(problems, formulaWarnings(subject, row));
  const name = fullName(names.firstName, names.lastName);
  return {
    employeeNumber,
    luccaId,
    record,
    reading,
    uniqueId: uniqueId ?? '',
    manager: link.manager,
    name,
    email: email.email,
    status,
    row,
    problems,
    exported: false,
  };
};

const hasError = (problems: ReadonlyArray<Problem>): boolean =>
  problems.some((item) => item.severity === 'error');

const isDuplicate = (item: Problem): boolean => item.code.startsWith('duplicate-');

/** SPEC §4: every mapping rule with its precedence; per-employee problems never throw. */
export const mapEmployees = (
  records: ReadonlyArray<EmployeeRecord>,
  options: PlanOptions,
): MappingResult => {
  const everyone = new Map<string, EmployeeRecord>();
  for (const record of records) {
    const id = normalizeText(record.luccaId);
    if (id !== '' && everyone.get(id) === undefined) everyone.set(id, record);
  }
  const readStatus = statusReader(options.extraActiveLabels, options.extraInactiveLabels);
  const drafts: Draft[] = [];
  for (const record of records) {
    if (inScope(record, options.legalEntities))
      drafts.push(draftOf(record, everyone, options, readStatus));
  }

  const candidates = drafts.filter((draft) => draft.row !== null && !hasError(draft.problems));
  for (const [draft, found] of duplicateProblems(candidates)) draft.problems.push(found);
  const exportedRecords = new Set<EmployeeRecord>();
  const exportedRows: UserRow[] = [];
  for (const draft of candidates) {
    if (draft.row === null || draft.problems.some(isDuplicate)) continue;
    draft.exported = true;
    exportedRecords.add(draft.record);
    exportedRows.push(draft.row);
  }
  for (const draft of drafts) {
    if (draft.row === null || draft.manager === null || exportedRecords.has(draft.manager))
      continue;
    draft.problems.push(managerNotExported(draft, draft.row.managerId));
  }

  const rows = sortByUniqueId(exportedRows, (row) => row.uniqueId);
  const problems: Problem[] = [];
  const employees = drafts.map((draft): MappedEmployee => {
    for (const item of draft.problems) problems.push(item);
    return {
      record: draft.record,
      luccaId: draft.luccaId,
      employeeNumber: draft.employeeNumber,
      uniqueId: draft.uniqueId === '' ? null : draft.uniqueId,
      name: draft.name,
      status: draft.reading,
      exported: draft.exported,
      problems: draft.problems,
    };
  });
  return { rows, problems, employees };
};
