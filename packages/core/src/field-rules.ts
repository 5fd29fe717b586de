import type { EmployeeRecord } from './employee.js';
import type { UniqueIdStrategy } from './options.js';
import { problem, type Problem, type Subject } from './problems.js';
import type { ColumnKey, UserRow, UserStatus } from './user-file.js';

// Rules on one employee's own fields, numbered as in the README's mapping rules.

const controlCharacters = /\p{Cc}/gu;
const whitespaceRuns = /\s+/g;

/**
 * Rule 1: NFC, control characters to spaces (so a value never breaks a CSV line), whitespace
 * runs collapsed to one space, trimmed.
 */
export const normalizeText = (value: string | null): string =>
  (value ?? '')
    .normalize('NFC')
    .replace(controlCharacters, ' ')
    .replace(whitespaceRuns, ' ')
    .trim();

export type StatusReading =
  | { readonly kind: 'missing' }
  | { readonly kind: 'known'; readonly status: UserStatus }
  | { readonly kind: 'unknown'; readonly label: string };

const labelKey = (label: string): string => normalizeText(label).toLowerCase();

/** Rule 2: the status label, case-insensitive and trimmed, plus the configured extra labels. */
export const readStatus = (
  label: string | null,
  extraActive: ReadonlyArray<string>,
  extraInactive: ReadonlyArray<string>,
): StatusReading => {
  const key = labelKey(label ?? '');
  if (key === '') return { kind: 'missing' };
  if (['active', 'actif', ...extraActive.map(labelKey)].includes(key))
    return { kind: 'known', status: 'Active' };
  if (['inactive', 'inactif', ...extraInactive.map(labelKey)].includes(key))
    return { kind: 'known', status: 'Inactive' };
  return { kind: 'unknown', label: normalizeText(label) };
};

export const employeeNumberOf = (record: EmployeeRecord): string | null =>
  normalizeText(record.employeeNumber) || null;

/** Rule 3 and `SYNC360_UNIQUE_ID`: the id 360Learning knows a user (and a manager) by. */
export const uniqueIdOf = (record: EmployeeRecord, strategy: UniqueIdStrategy): string | null => {
  const number = employeeNumberOf(record);
  if (number === null || strategy === 'employeeNumber') return number;
  const entity = normalizeText(record.legalEntityId);
  return entity === '' ? number : `${entity}-${number}`;
};

/** Rule 4: exactly one `@`, a non-empty local part, a dot in the domain, no spaces. */
const isValidEmail = (email: string): boolean => {
  const at = email.indexOf('@');
  return !/\s/.test(email) && at > 0 && !email.includes('@', at + 1) && email.includes('.', at + 1);
};

/** Rule 4: trimmed and lowercased; missing or invalid is an error. */
export const mapEmail = (
  subject: Subject,
  raw: string | null,
): { email: string; problems: Problem[] } => {
  const email = normalizeText(raw).toLowerCase();
  if (email === '') {
    const message = 'No professional email: add it in Lucca (it is the 360 username).';
    return { email, problems: [problem(subject, 'missing-email', 'email', message)] };
  }
  if (isValidEmail(email)) return { email, problems: [] };
  const message = `Professional email "${email}" is not a valid address: correct it in Lucca.`;
  return { email, problems: [problem(subject, 'invalid-email', 'email', message)] };
};

/** Rule 6: both names are required; the title may be empty. */
export const nameProblems = (subject: Subject, row: UserRow): Problem[] => [
  ...(row.firstName === ''
    ? [problem(subject, 'missing-name', 'firstName', 'First name is empty: fill it in Lucca.')]
    : []),
  ...(row.lastName === ''
    ? [problem(subject, 'missing-name', 'lastName', 'Last name is empty: fill it in Lucca.')]
    : []),
];

const languageByLcid = new Map<number, string>();
for (const [language, lcids] of Object.entries({
  fr: [1036, 2060, 3084, 4108],
  en: [1033, 2057, 3081, 4105],
  de: [1031, 3079, 2055],
  es: [1034, 3082, 2058],
  it: [1040, 2064],
  nl: [1043, 2067],
  pt: [2070, 1046],
  pl: [1045],
}))
  for (const lcid of lcids) languageByLcid.set(lcid, language);

/** Rule 7: an ISO 639-1 code from an LCID (number or digits) or a culture name such as `fr-FR`. */
const languageFromCulture = (culture: number | string | null): string | null => {
  const text = String(culture ?? '').trim();
  if (/^\d+$/.test(text)) return languageByLcid.get(Number(text)) ?? null;
  return /^([a-z]{2})(?:[-_][a-z0-9]+)*$/i.exec(text)?.[1]?.toLowerCase() ?? null;
};

/** Rule 7: unknown or missing falls back to the default language, with a warning. */
export const mapLanguage = (
  subject: Subject,
  culture: number | string | null,
  defaultLanguage: string,
): { language: string; problems: Problem[] } => {
  const language = languageFromCulture(culture);
  if (language !== null) return { language, problems: [] };
  const seen =
    culture === null || culture === '' ? 'no language' : `unknown culture "${String(culture)}"`;
  const message = `${seen}: exported as "${defaultLanguage}"; set the language in Lucca.`;
  return {
    language: defaultLanguage,
    problems: [problem(subject, 'unknown-language', 'language', message)],
  };
};

const formulaColumns = [
  'uniqueId',
  'email',
  'firstName',
  'lastName',
  'title',
  'managerId',
] as const;

/** Rule 9: a value a spreadsheet would run as a formula is exported unchanged, with a warning. */
export const formulaWarnings = (subject: Subject, row: UserRow): Problem[] =>
  formulaColumns
    .filter((column) => /^[=+\-@]/.test(row[column]))
    .map((column) =>
      problem(
        subject,
        'formula-like-value',
        column,
        `${column} "${row[column]}" starts like a spreadsheet formula: check it in Lucca; never open the file in a spreadsheet without care.`,
      ),
    );

const columnOfLuccaField: Readonly<Record<string, ColumnKey>> = {
  employeeNumber: 'uniqueId',
  mail: 'email',
  firstName: 'firstName',
  lastName: 'lastName',
  jobTitle: 'title',
  culture: 'language',
  manager: 'managerId',
  managerId: 'managerId',
};

/**
 * The file column a Lucca field feeds, if any. The only `extendedData` field read is the status
 * field, so every `extendedData.<field>` is the status.
 */
export const columnFedBy = (luccaField: string): ColumnKey | null =>
  luccaField.startsWith('extendedData.') ? 'status' : (columnOfLuccaField[luccaField] ?? null);

const invalidValueMessage = (field: string): string => {
  if (columnFedBy(field) === 'status')
    return `The 360 status (Lucca field ${field}) cannot be read: choose Active or Inactive again in Lucca so the employee can be exported.`;
  if (field === 'dtContractStart' || field === 'dtContractEnd')
    return `Lucca field ${field} is not a date: correct the contract date in Lucca so the employee can be exported.`;
  return `Lucca field ${field} holds a value of an unexpected type (such as an object or a number where text is expected): correct it in Lucca so the employee can be exported.`;
};

/**
 * Rule 10: one error per Lucca field whose value had an unexpected type. The value is never
 * coerced (the record holds null there), and the field's other problems (such as "missing") are
 * not raised: this error says what to fix.
 */
export const invalidValueProblems = (subject: Subject, fields: ReadonlyArray<string>): Problem[] =>
  [...new Set(fields)].map((field) =>
    problem(subject, 'invalid-lucca-value', field, invalidValueMessage(field)),
  );
