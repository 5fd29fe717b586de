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
import { compareUniqueIds } from './sort.js';
import { readStatus, type StatusReading } from './status.js';
import { normalizeText } from './text.js';

/** One in-scope employee after mapping: what reminders and reports need to know. */
export interface MappedEmployee {
  readonly record: EmployeeRecord;
  readonly luccaId: string | null;
  readonly employeeNumber: string | null;
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
  problems: Problem[];
}

const inScope = (record: EmployeeRecord, entities: ReadonlyArray<string> | null): boolean =>
  entities === null || entities.includes(normalizeText(record.legalEntityId));

const draftOf = (
  record: EmployeeRecord,
  everyone: ReadonlyMap<string, EmployeeRecord>,
  options: PlanOptions,
): Draft => {
  const employeeNumber = employeeNumberOf(record);
  const luccaId = record.luccaId === null ? null : normalizeText(record.luccaId);
  const subject = { employeeNumber, luccaId };
  const reading = readStatus(record.statusLabel, options.extraActiveLabels, options.extraInactiveLabels);
  const uniqueId = uniqueIdOf(record, options.uniqueId);
  const base = { ...subject, record, reading, uniqueId: uniqueId ?? '', manager: null };
  if (reading.kind === 'missing') {
    return { ...base, email: '', status: 'Inactive', row: null, problems: [] };
  }
  const problems: Problem[] = [];
  if (reading.kind === 'unknown') {
    problems.push(problem(subject, 'unknown-status', 'status', `360 status "${reading.label}" is neither Active nor Inactive: pick Active or Inactive in Lucca (or add the label to SYNC360_ACTIVE_LABELS / SYNC360_INACTIVE_LABELS).`));
  }
  if (uniqueId === null) {
    problems.push(problem(subject, 'missing-employee-number', 'uniqueId', 'No employee number: add it in Lucca (it is the 360 unique id).'));
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
  problems.push(...email.problems, ...names.problems, ...language.problems, ...link.problems, ...formulaWarnings(subject, row));
  return { ...base, email: email.email, status, row, manager: link.manager, problems };
};

const hasError = (problems: ReadonlyArray<Problem>): boolean =>
  problems.some((item) => item.severity === 'error');

/** SPEC §4: every mapping rule with its precedence; per-employee problems never throw. */
export const mapEmployees = (
  records: ReadonlyArray<EmployeeRecord>,
  options: PlanOptions,
): MappingResult => {
  const everyone = new Map<string, EmployeeRecord>();
  for (const record of records) {
    const id = normalizeText(record.luccaId);
    if (id !== '' && !everyone.has(id)) everyone.set(id, record);
  }
  const drafts = records
    .filter((record) => inScope(record, options.legalEntities))
    .map((record) => draftOf(record, everyone, options));

  const candidates = drafts.filter((draft) => draft.row !== null && !hasError(draft.problems));
  for (const [draft, found] of duplicateProblems(candidates)) draft.problems.push(found);
  const exported = new Set(
    candidates.filter((draft) => !draft.problems.some((item) => item.code.startsWith('duplicate-'))),
  );
  const exportedRecords = new Set([...exported].map((draft) => draft.record));
  for (const draft of drafts) {
    if (draft.row === null || draft.manager === null || exportedRecords.has(draft.manager)) continue;
    draft.problems.push(managerNotExported(draft, draft.row.managerId));
  }

  const rows = [...exported]
    .map((draft) => draft.row)
    .filter((row): row is UserRow => row !== null)
    .sort((a, b) => compareUniqueIds(a.uniqueId, b.uniqueId));
  const employees = drafts.map((draft) => ({
    record: draft.record,
    luccaId: draft.luccaId,
    employeeNumber: draft.employeeNumber,
    name: `${normalizeText(draft.record.firstName)} ${normalizeText(draft.record.lastName)}`.trim(),
    status: draft.reading,
    exported: exported.has(draft),
    problems: draft.problems,
  }));
  return { rows, problems: drafts.flatMap((draft) => draft.problems), employees };
};
