import type { EmployeeRecord } from './employee.js';
import {
  columnFedBy,
  employeeNumberOf,
  formulaWarnings,
  invalidValueProblems,
  mapEmail,
  mapLanguage,
  nameProblems,
  normalizeText,
  readStatus,
  uniqueIdOf,
  type StatusReading,
} from './field-rules.js';
import type { PlanOptions } from './options.js';
import { problem, type Problem, type Subject } from './problems.js';
import { duplicateExclusions, linkManager, managerNotExported } from './relations.js';
import { compareUniqueIds, type UserRow } from './user-file.js';

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

export interface MappingResult {
  /** Exported rows in uniqueId order. */
  readonly rows: ReadonlyArray<UserRow>;
  readonly problems: ReadonlyArray<Problem>;
  readonly employees: ReadonlyArray<MappedEmployee>;
}

interface Draft extends Subject {
  readonly record: EmployeeRecord;
  readonly uniqueId: string | null;
  readonly name: string;
  readonly status: EmployeeStatus;
  /** Null for an employee without status: never exported, no problem. */
  readonly row: UserRow | null;
  readonly manager: EmployeeRecord | null;
  readonly problems: Problem[];
}

const statusProblems = (subject: Subject, status: EmployeeStatus): Problem[] =>
  status.kind === 'unknown'
    ? [
        problem(
          subject,
          'unknown-status',
          'status',
          `360 status "${status.label}" is neither Active nor Inactive: pick Active or Inactive in Lucca (or add the label to SYNC360_ACTIVE_LABELS / SYNC360_INACTIVE_LABELS).`,
        ),
      ]
    : [];

const draftOf = (
  record: EmployeeRecord,
  everyone: ReadonlyMap<string, EmployeeRecord>,
  options: PlanOptions,
): Draft => {
  const subject = {
    employeeNumber: employeeNumberOf(record),
    luccaId: normalizeText(record.luccaId) || null,
  };
  const invalidFields = record.invalidFields ?? [];
  const status: EmployeeStatus = invalidFields.some((field) => columnFedBy(field) === 'status')
    ? { kind: 'unreadable' }
    : readStatus(record.statusLabel, options.extraActiveLabels, options.extraInactiveLabels);
  const uniqueId = uniqueIdOf(record, options.uniqueId);
  const firstName = normalizeText(record.firstName);
  const lastName = normalizeText(record.lastName);
  const name = `${firstName} ${lastName}`.trim();
  const base = { ...subject, record, uniqueId, name, status };
  if (status.kind === 'missing') return { ...base, row: null, manager: null, problems: [] };

  const email = mapEmail(subject, record.email);
  const language = mapLanguage(subject, record.culture, options.defaultLanguage);
  const link = linkManager(subject, record, uniqueId, everyone, options.uniqueId);
  const row: UserRow = {
    uniqueId: uniqueId ?? '',
    email: email.email,
    firstName,
    lastName,
    title: normalizeText(record.title),
    language: language.language,
    managerId: link.managerId,
    status: status.kind === 'known' ? status.status : 'Inactive',
  };
  const missingNumber =
    uniqueId === null
      ? [
          problem(
            subject,
            'missing-employee-number',
            'uniqueId',
            'No employee number: add it in Lucca (it is the 360 unique id).',
          ),
        ]
      : [];
  // A column fed by an odd Lucca value gets rule 10's error only, not "missing" and the like.
  const replaced = new Set<string | null>(invalidFields.map(columnFedBy));
  const problems = [
    ...statusProblems(subject, status),
    ...missingNumber,
    ...email.problems,
    ...nameProblems(subject, row),
    ...language.problems,
    ...link.problems,
    ...formulaWarnings(subject, row),
  ].filter((found) => found.field === null || !replaced.has(found.field));
  problems.push(...invalidValueProblems(subject, invalidFields));
  return { ...base, row, manager: link.manager, problems };
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
  const drafts = records
    .filter(
      (record) =>
        options.legalEntities === null ||
        options.legalEntities.includes(normalizeText(record.legalEntityId)),
    )
    .map((record) => draftOf(record, everyone, options));

  const candidates = drafts.flatMap((draft) =>
    draft.row === null || draft.problems.some((found) => found.severity === 'error')
      ? []
      : [
          {
            employeeNumber: draft.employeeNumber,
            luccaId: draft.luccaId,
            uniqueId: draft.row.uniqueId,
            email: draft.row.email,
            status: draft.row.status,
            row: draft.row,
            draft,
          },
        ],
  );
  const excluded = duplicateExclusions(candidates);
  for (const [candidate, found] of excluded) candidate.draft.problems.push(found);
  const exported = candidates.filter((candidate) => !excluded.has(candidate));
  const exportedDrafts = new Set(exported.map((candidate) => candidate.draft));
  const exportedRecords = new Set(exported.map((candidate) => candidate.draft.record));
  for (const draft of drafts) {
    if (draft.row === null || draft.manager === null || exportedRecords.has(draft.manager))
      continue;
    draft.problems.push(managerNotExported(draft, draft.row.managerId));
  }

  return {
    rows: exported
      .map((candidate) => candidate.row)
      .sort((a, b) => compareUniqueIds(a.uniqueId, b.uniqueId)),
    problems: drafts.flatMap((draft) => draft.problems),
    employees: drafts.map((draft) => ({
      record: draft.record,
      luccaId: draft.luccaId,
      employeeNumber: draft.employeeNumber,
      uniqueId: draft.uniqueId,
      name: draft.name,
      status: draft.status,
      exported: exportedDrafts.has(draft),
      problems: draft.problems,
    })),
  };
};
