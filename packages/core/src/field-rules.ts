import type { EmployeeRecord } from './employee.js';
import type { UniqueIdStrategy } from './options.js';
import type { Raise } from './problems.js';
import type { ColumnKey, UserRow, UserStatus } from './user-file.js';

// Rules on one employee's own fields, numbered as in the README's mapping rules.

const spaceRuns = /[\p{Cc}\s]+/gu;

/**
 * Printable Latin-1 (no control character, no-break space or combining mark, all of it NFC) with
 * single inner spaces: text rule 1 leaves it as it is.
 */
const isPlainText = (value: string): boolean => {
  let previous = 0x20;
  for (let index = 0; index < value.length; index += 1) {
    const unit = value.charCodeAt(index);
    if (unit < 0x20 || (unit > 0x7e && unit < 0xa1) || unit > 0xff) return false;
    if (unit === 0x20 && previous === 0x20) return false;
    previous = unit;
  }
  return previous !== 0x20 || value.length === 0;
};

/**
 * Rule 1: NFC, control characters to spaces (so a value never breaks a CSV line), whitespace
 * runs collapsed to one space, trimmed. Most values are plain Latin-1 already and are returned
 * as they are, without the three copies.
 */
export const normalizeText = (value: string | null): string =>
  value === null
    ? ''
    : isPlainText(value)
      ? value
      : value.normalize('NFC').replace(spaceRuns, ' ').trim();

export type StatusReading =
  | { readonly kind: 'missing' }
  | { readonly kind: 'known'; readonly status: UserStatus }
  | { readonly kind: 'unknown'; readonly label: string };

const labelKey = (label: string): string => normalizeText(label).toLowerCase();
const missing: StatusReading = { kind: 'missing' };
const active: StatusReading = { kind: 'known', status: 'Active' };
const inactive: StatusReading = { kind: 'known', status: 'Inactive' };

/**
 * Rule 2: reads status labels case-insensitively and trimmed, with the configured extra labels
 * (prepared once for the many labels of a run).
 */
export const statusReader = (
  extraActive: ReadonlyArray<string>,
  extraInactive: ReadonlyArray<string>,
): ((label: string | null) => StatusReading) => {
  const activeKeys = new Set(['active', 'actif', ...extraActive.map(labelKey)]);
  const inactiveKeys = new Set(['inactive', 'inactif', ...extraInactive.map(labelKey)]);
  const read = (label: string | null): StatusReading => {
    const key = labelKey(label ?? '');
    if (key === '') return missing;
    if (activeKeys.has(key)) return active;
    if (inactiveKeys.has(key)) return inactive;
    return { kind: 'unknown', label: normalizeText(label) };
  };
  // A run holds a handful of distinct labels: each is read once.
  const seen = new Map<string | null, StatusReading>();
  return (label) => {
    let reading = seen.get(label);
    if (reading === undefined) {
      reading = read(label);
      seen.set(label, reading);
    }
    return reading;
  };
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
export const mapEmail = (raw: string | null, raise: Raise): string => {
  const email = normalizeText(raw).toLowerCase();
  if (email === '')
    raise(
      'missing-email',
      'email',
      'No professional email: add it in Lucca (it is the 360 username).',
    );
  else if (!isValidEmail(email))
    raise(
      'invalid-email',
      'email',
      `Professional email "${email}" is not a valid address: correct it in Lucca.`,
    );
  return email;
};

/** Rule 6: both names are required; the title may be empty. */
export const checkNames = (row: UserRow, raise: Raise): void => {
  if (row.firstName === '')
    raise('missing-name', 'firstName', 'First name is empty: fill it in Lucca.');
  if (row.lastName === '')
    raise('missing-name', 'lastName', 'Last name is empty: fill it in Lucca.');
};

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
  // An LCID as a whole number is what Lucca sends; its digits would read the same.
  if (typeof culture === 'number' && Number.isSafeInteger(culture) && culture >= 0)
    return languageByLcid.get(culture) ?? null;
  const text = String(culture ?? '').trim();
  if (/^\d+$/.test(text)) return languageByLcid.get(Number(text)) ?? null;
  return /^([a-z]{2})(?:[-_][a-z0-9]+)*$/i.exec(text)?.[1]?.toLowerCase() ?? null;
};

/** Rule 7: unknown or missing falls back to the default language, with a warning. */
export const mapLanguage = (
  culture: number | string | null,
  defaultLanguage: string,
  raise: Raise,
): string => {
  const language = languageFromCulture(culture);
  if (language !== null) return language;
  const seen =
    culture === null || culture === '' ? 'no language' : `unknown culture "${String(culture)}"`;
  raise(
    'unknown-language',
    'language',
    `${seen}: exported as "${defaultLanguage}"; set the language in Lucca.`,
  );
  return defaultLanguage;
};

const formulaColumns = [
  'uniqueId',
  'email',
  'firstName',
  'lastName',
  'title',
  'managerId',
] as const;

/** `=`, `+`, `-` or `@` first. */
const startsLikeFormula = (value: string): boolean => {
  const first = value.charCodeAt(0);
  return first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40;
};

/** Rule 9: a value a spreadsheet would run as a formula is exported unchanged, with a warning. */
export const checkFormulas = (row: UserRow, raise: Raise): void => {
  for (const column of formulaColumns) {
    if (startsLikeFormula(row[column]))
      raise(
        'formula-like-value',
        column,
        `${column} "${row[column]}" starts like a spreadsheet formula: check it in Lucca; never open the file in a spreadsheet without care.`,
      );
  }
};

const columnOfLuccaField: ReadonlyMap<string, ColumnKey> = new Map([
  ['employeeNumber', 'uniqueId'],
  ['mail', 'email'],
  ['firstName', 'firstName'],
  ['lastName', 'lastName'],
  ['jobTitle', 'title'],
  ['culture', 'language'],
  ['manager', 'managerId'],
  ['managerId', 'managerId'],
]);

/**
 * The file column a Lucca field feeds, if any. The only part of `extendedData` read is the status
 * field, so `extendedData` itself and every `extendedData.<field>` stand for the status.
 */
export const columnFedBy = (luccaField: string): ColumnKey | null =>
  luccaField === 'extendedData' || luccaField.startsWith('extendedData.')
    ? 'status'
    : (columnOfLuccaField.get(luccaField) ?? null);

/**
 * Rule 10's message for a Lucca field whose value had an unexpected type. The value is never
 * coerced: the record holds null there.
 */
export const invalidValueMessage = (field: string): string => {
  if (columnFedBy(field) === 'status')
    return `The 360 status (Lucca field ${field}) cannot be read: choose Active or Inactive again in Lucca so the employee can be exported.`;
  if (field === 'dtContractStart' || field === 'dtContractEnd')
    return `Lucca field ${field} is not a date: correct the contract date in Lucca so the employee can be exported.`;
  return `Lucca field ${field} holds a value of an unexpected type (such as an object or a number where text is expected): correct it in Lucca so the employee can be exported.`;
};
