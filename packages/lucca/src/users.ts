import type { EmployeeRecord } from '@sync360/core';
import { z } from 'zod';
import type { StatusDefinitions } from './definitions.js';
import { readRuleAttributes } from './rule-attributes.js';
import { isObject, objectItems } from './shapes.js';

/** The `fields=` list sync360 asks for: the only fields it reads, and so the only ones checked. */
export const userFields = [
  'id',
  'employeeNumber',
  'firstName',
  'lastName',
  'mail',
  'jobTitle',
  'culture',
  'manager',
  'managerId',
  'legalEntity',
  'dtContractStart',
  'dtContractEnd',
  'extendedData',
] as const;

// Each field has a zod schema, which says what is accepted, and a fast path for the forms Lucca
// sends, checked with plain type tests: on 100,000 users the schemas' unions and transforms
// cost seconds, mostly garbage. A value the fast path does not know goes to the schema, so both
// accept and read exactly the same values.
const numberText = z.number().transform(String);
/** A number or a string, read as text: Lucca ids are numbers, employee numbers strings. */
const idText = z
  .union([numberText, z.string()])
  .nullish()
  .transform((value) => value ?? null);
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
/** `{ "id": 12, ...anything }` (what Lucca sends), `12` or `"12"`. */
const reference = z
  .union([
    z.object({ id: z.union([numberText, z.string()]) }).transform((ref) => ref.id),
    numberText,
    z.string(),
  ])
  .nullish()
  .transform((value) => value ?? null);

const isLeapYear = (year: number): boolean =>
  year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digitsAt = (value: string, start: number, end: number): number => {
  let number = 0;
  for (let index = start; index < end; index += 1)
    number = number * 10 + value.charCodeAt(index) - 48;
  return number;
};
/** `YYYY-MM-DD` (already checked as digits) names a real day; years below 100 are refused. */
const isValidDate = (date: string): boolean => {
  const year = digitsAt(date, 0, 4);
  const month = digitsAt(date, 5, 7);
  const day = digitsAt(date, 8, 10);
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (daysInMonth[month - 1] ?? 0);
  return year >= 100 && day >= 1 && day <= monthDays;
};

const datePrefix = /^\d{4}-\d{2}-\d{2}(?:$|[T ])/;
const notADate = Symbol('not a date');
/** The calendar part of an ISO date or date-time, without time-zone conversion. */
const calendarDateOf = (value: string): string | null | typeof notADate => {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const date = trimmed.slice(0, 10);
  return datePrefix.test(trimmed) && isValidDate(date) ? date : notADate;
};
const calendarDate = z
  .string()
  .nullish()
  .transform((value, context) => {
    const date = value === null || value === undefined ? null : calendarDateOf(value);
    if (date !== notADate) return date;
    context.addIssue({ code: 'custom', message: 'not a date' });
    return z.NEVER;
  });

/** LCID as `{ id, name }` or a bare number, or a culture name such as `fr-FR`. */
const culture = z
  .union([
    z
      .object({ id: z.number().nullish(), name: z.string().nullish() })
      .transform((value) => value.id ?? value.name ?? null),
    z.number(),
    z.string(),
  ])
  .nullish()
  .transform((value) => value ?? null);

/** Checked as an object without copying it: only the status key is read from it. */
const extendedDataSchema = z.custom<Record<string, unknown>>(isObject).nullish();

/** Returned by a fast path for a value it leaves to the field's schema. */
const unknownForm = Symbol('unknown form');
type Fast<T> = T | typeof unknownForm;

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const fastIdText = (value: unknown): Fast<string | null> =>
  typeof value === 'string'
    ? value
    : isNumber(value)
      ? String(value)
      : value === null || value === undefined
        ? null
        : unknownForm;
const fastText = (value: unknown): Fast<string | null> =>
  typeof value === 'string' ? value : value === null || value === undefined ? null : unknownForm;
const fastReference = (value: unknown): Fast<string | null> => {
  if (!isObject(value)) return fastIdText(value);
  const id = value['id'];
  return typeof id === 'string' ? id : isNumber(id) ? String(id) : unknownForm;
};
const fastCalendarDate = (value: unknown): Fast<string | null> => {
  if (typeof value !== 'string') return value === null || value === undefined ? null : unknownForm;
  const date = calendarDateOf(value);
  return date === notADate ? unknownForm : date;
};
const isOptionalString = (value: unknown): boolean =>
  value === undefined || value === null || typeof value === 'string';
const fastCulture = (value: unknown): Fast<number | string | null> => {
  if (isObject(value)) {
    const id = value['id'];
    return isNumber(id) && isOptionalString(value['name']) ? id : unknownForm;
  }
  return isNumber(value) || typeof value === 'string'
    ? value
    : value === null || value === undefined
      ? null
      : unknownForm;
};
const fastExtendedData = (value: unknown): Fast<Record<string, unknown> | null | undefined> =>
  isObject(value) || value === null || value === undefined ? value : unknownForm;

/** `legalEntityId` only comes from `--input` files. */
type FieldName = (typeof userFields)[number] | 'legalEntityId';

/** How a user's status field was given, before entry ids are turned into labels. */
type StatusValue =
  | { readonly kind: 'none' }
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'entry'; readonly entryId: string };

/**
 * An `extendedData` list value: `{ id, value: <entry id> }` as Lucca's extended-data guide
 * documents it, or a label in place of the id (`{ value: "Active" }`, `{ value: { id, name:
 * "Active" } }`). Lucca's user resource page shows the bare value instead (`"e_bloodType": "AB"`):
 * a bare string is a label, a bare number the entry id its `value` would hold. Null when
 * unreadable.
 */
export const readStatusValue = (raw: unknown): StatusValue | null => {
  if (raw === null || raw === undefined || raw === '') return { kind: 'none' };
  if (typeof raw === 'string') return { kind: 'label', label: raw };
  if (typeof raw === 'number' && Number.isSafeInteger(raw))
    return { kind: 'entry', entryId: String(raw) };
  if (!isObject(raw)) return null;
  const value = 'value' in raw ? raw['value'] : raw;
  if (value === null || value === undefined || value === '') return { kind: 'none' };
  if (typeof value === 'number') return { kind: 'entry', entryId: String(value) };
  if (typeof value === 'string')
    return /^\d+$/.test(value)
      ? { kind: 'entry', entryId: value }
      : { kind: 'label', label: value };
  if (isObject(value)) {
    const name = value['name'] ?? value['translation'];
    if (typeof name === 'string') return { kind: 'label', label: name };
    const entryId = value['id'];
    if (typeof entryId === 'number' || typeof entryId === 'string')
      return { kind: 'entry', entryId: String(entryId) };
  }
  return null;
};

/** The `extendedData` key of the status field: the configured key, or `e_` + a definition code. */
export const statusKeyIn = (extended: Readonly<Record<string, unknown>>, field: string): string =>
  field in extended || field.startsWith('e_') ? field : `e_${field}`;

interface UsersOptions {
  readonly statusField: string;
  /** Needed when statuses are list-entry ids; null when unavailable. */
  readonly definitions: StatusDefinitions | null;
  /** Attributes group rules read (`legalEntity`, `department`, `e_<field>`), when a rules file is set. */
  readonly ruleKeys?: ReadonlyArray<string>;
}

type UsersIssue =
  | { readonly kind: 'shape'; readonly message: string }
  | { readonly kind: 'needs-definitions'; readonly message: string }
  | {
      readonly kind: 'status-field-missing';
      readonly message: string;
      readonly existingFields: ReadonlyArray<string>;
    };

type UsersParse =
  | { readonly ok: true; readonly records: EmployeeRecord[] }
  | { readonly ok: false; readonly issue: UsersIssue };

const idShown = (value: unknown): string | null =>
  typeof value === 'number' || typeof value === 'string' ? String(value) : null;

/** The used fields whose value had an unexpected type, in the order they were read. */
interface Invalid {
  fields: string[] | null;
}

const markInvalid = (invalid: Invalid, field: string): void => {
  if (invalid.fields === null) invalid.fields = [field];
  else invalid.fields.push(field);
};
const isMarked = (invalid: Invalid, field: string): boolean =>
  invalid.fields !== null && invalid.fields.includes(field);

/** A used field with a value of another type is named in `invalid` and read as null (rule 10). */
const readField = <T>(
  item: Readonly<Record<string, unknown>>,
  field: FieldName,
  fast: (value: unknown) => Fast<T>,
  schema: z.ZodType<T>,
  invalid: Invalid,
): T | null => {
  const value = item[field];
  const quick = fast(value);
  if (quick !== unknownForm) return quick;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  markInvalid(invalid, field);
  return null;
};

/** Either of a pair being odd makes the record field unknown, not the other one's value. */
const readEither = (
  item: Readonly<Record<string, unknown>>,
  first: FieldName,
  second: FieldName,
  invalid: Invalid,
): string | null => {
  const one = readField(item, first, fastReference, reference, invalid);
  const other = readField(item, second, fastReference, reference, invalid);
  return isMarked(invalid, first) || isMarked(invalid, second) ? null : (one ?? other);
};

// Module-level functions rather than closures per user, and no object spread: on 100,000 users
// both cost more than reading the fields.
const recordOf = (
  item: Readonly<Record<string, unknown>>,
  statusLabel: string | null,
  invalid: Invalid,
): EmployeeRecord => ({
  luccaId: readField(item, 'id', fastIdText, idText, invalid),
  employeeNumber: readField(item, 'employeeNumber', fastIdText, idText, invalid),
  firstName: readField(item, 'firstName', fastText, text, invalid),
  lastName: readField(item, 'lastName', fastText, text, invalid),
  email: readField(item, 'mail', fastText, text, invalid),
  title: readField(item, 'jobTitle', fastText, text, invalid),
  culture: readField(item, 'culture', fastCulture, culture, invalid),
  managerLuccaId: readEither(item, 'manager', 'managerId', invalid),
  legalEntityId: readEither(item, 'legalEntity', 'legalEntityId', invalid),
  contractStart: readField(item, 'dtContractStart', fastCalendarDate, calendarDate, invalid),
  contractEnd: readField(item, 'dtContractEnd', fastCalendarDate, calendarDate, invalid),
  statusLabel,
});

/** The custom-field keys of every user, only needed to say which ones exist when ours does not. */
const customFieldsOf = (items: ReadonlyArray<Readonly<Record<string, unknown>>>): Set<string> => {
  const keys = new Set<string>();
  for (const item of items) {
    const extended = item['extendedData'];
    if (isObject(extended)) for (const key of Object.keys(extended)) keys.add(key);
  }
  return keys;
};

/**
 * Lucca users to core records, the one place of this mapping (`/api/v3/users` is deprecated in
 * favour of `/lucca-api/employees`). A used field with a value of an unexpected type is named in
 * the record's `invalidFields` and read as null: one odd user never fails the whole list. Fields
 * sync360 does not use are never looked at.
 */
export const parseUsersPayload = (
  json: unknown,
  options: UsersOptions,
  rootName = 'users',
): UsersParse => {
  const items = objectItems(json, 'user');
  if (!items.ok)
    return { ok: false, issue: { kind: 'shape', message: `${rootName}: ${items.reason}` } };
  const records: EmployeeRecord[] = [];
  const ruleKeys = options.ruleKeys ?? [];
  const listEntries =
    options.definitions === null
      ? null
      : (options.definitions.listEntries ?? new Map<string, ReadonlyArray<string>>());
  let fieldPresent = false;
  for (const item of items.items) {
    const invalid: Invalid = { fields: null };
    const extended =
      readField(item, 'extendedData', fastExtendedData, extendedDataSchema, invalid) ?? {};
    const key = statusKeyIn(extended, options.statusField);
    if (key in extended) fieldPresent = true;
    const status = readStatusValue(extended[key]);
    let statusLabel: string | null = null;
    if (status === null) markInvalid(invalid, `extendedData.${key}`);
    else if (status.kind === 'label') statusLabel = status.label;
    else if (status.kind === 'entry') {
      if (options.definitions === null) {
        return {
          ok: false,
          issue: {
            kind: 'needs-definitions',
            message: `user ${idShown(item['id']) ?? '?'} (employee number ${idShown(item['employeeNumber']) ?? 'none'}): extendedData.${key} holds list-entry id ${status.entryId}, which needs the field's definitions to become a label`,
          },
        };
      }
      statusLabel =
        options.definitions.labels.get(status.entryId) ?? `unknown list entry ${status.entryId}`;
    }
    const record = recordOf(item, statusLabel, invalid);
    if (ruleKeys.length > 0)
      record.ruleAttributes = readRuleAttributes(item, extended, ruleKeys, listEntries);
    if (invalid.fields !== null) record.invalidFields = invalid.fields;
    records.push(record);
  }
  const fieldKnown = fieldPresent || options.definitions?.hasField === true;
  if (!fieldKnown && records.length > 0) {
    const existing = [
      ...new Set([...customFieldsOf(items.items), ...(options.definitions?.fieldKeys ?? [])]),
    ].sort();
    return {
      ok: false,
      issue: {
        kind: 'status-field-missing',
        existingFields: existing,
        message: `status field "${options.statusField}" exists on no user; custom fields seen: ${existing.length > 0 ? existing.join(', ') : 'none'}`,
      },
    };
  }
  return { ok: true, records };
};
