import type { EmployeeRecord } from '@sync360/core';
import { z } from 'zod';
import type { StatusDefinitions } from '../../src/definitions.js';
import type { userFields } from '../../src/users.js';
import { isObject, objectItems } from './shapes.js';

/** The `fields=` list sync360 asks for: the only fields it reads, and so the only ones checked. */

// A union tries its options in order and builds an issue for each one that fails: on 100,000
// users that costs seconds, so each field's schema tries the form Lucca sends first.
const numberText = z.number().transform(String);
/** A number or a string, read as text: Lucca ids are numbers. */
const idText = z
  .union([numberText, z.string()])
  .nullish()
  .transform((value) => value ?? null);
/** A number or a string, read as text: employee numbers are strings. */
const employeeNumberText = z
  .union([z.string(), numberText])
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

const isValidDate = (date: string): boolean => {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1;
};

/** The calendar part of an ISO date or date-time, without time-zone conversion. */
const calendarDate = z
  .string()
  .nullish()
  .transform((value, context) => {
    if (value === null || value === undefined || value.trim() === '') return null;
    const date = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(value.trim())?.[1];
    if (date !== undefined && isValidDate(date)) return date;
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

/** `legalEntityId` only comes from `--input` files. */
type FieldName = (typeof userFields)[number] | 'legalEntityId';

/** How a user's status field was given, before entry ids are turned into labels. */
type StatusValue =
  | { readonly kind: 'none' }
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'entry'; readonly entryId: string };

/**
 * `{ id, value: <entry id> }` as Lucca documents it, or a label in place of the id (`"Active"`,
 * `{ value: "Active" }`, `{ value: { id, name: "Active" } }`). Null when unreadable.
 */
const readStatusValue = (raw: unknown): StatusValue | null => {
  if (raw === null || raw === undefined || raw === '') return { kind: 'none' };
  if (typeof raw === 'string') return { kind: 'label', label: raw };
  // Merged from main (a bare number is an entry id): a rule change, not this rewrite's.
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
const statusKeyIn = (extended: Readonly<Record<string, unknown>>, field: string): string =>
  field in extended || field.startsWith('e_') ? field : `e_${field}`;

interface UsersOptions {
  readonly statusField: string;
  /** Needed when statuses are list-entry ids; null when unavailable. */
  readonly definitions: StatusDefinitions | null;
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

/** A used field with a value of another type is named in `invalid` and read as null (rule 10). */
const readField = <T>(
  item: Readonly<Record<string, unknown>>,
  field: FieldName,
  schema: z.ZodType<T>,
  invalid: string[],
): T | null => {
  const parsed = schema.safeParse(item[field]);
  if (parsed.success) return parsed.data;
  invalid.push(field);
  return null;
};

/** Either of a pair being odd makes the record field unknown, not the other one's value. */
const readEither = (
  item: Readonly<Record<string, unknown>>,
  [first, second]: readonly [FieldName, FieldName],
  invalid: string[],
): string | null => {
  const one = readField(item, first, reference, invalid);
  const other = readField(item, second, reference, invalid);
  return invalid.includes(first) || invalid.includes(second) ? null : (one ?? other);
};

// Module-level functions rather than closures per user, and no object spread: on 100,000 users
// both cost more than reading the fields.
const recordOf = (
  item: Readonly<Record<string, unknown>>,
  statusLabel: string | null,
  invalid: string[],
): EmployeeRecord => ({
  luccaId: readField(item, 'id', idText, invalid),
  employeeNumber: readField(item, 'employeeNumber', employeeNumberText, invalid),
  firstName: readField(item, 'firstName', text, invalid),
  lastName: readField(item, 'lastName', text, invalid),
  email: readField(item, 'mail', text, invalid),
  title: readField(item, 'jobTitle', text, invalid),
  culture: readField(item, 'culture', culture, invalid),
  managerLuccaId: readEither(item, ['manager', 'managerId'], invalid),
  legalEntityId: readEither(item, ['legalEntity', 'legalEntityId'], invalid),
  contractStart: readField(item, 'dtContractStart', calendarDate, invalid),
  contractEnd: readField(item, 'dtContractEnd', calendarDate, invalid),
  statusLabel,
});

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
  const fieldsSeen = new Set<string>();
  let fieldPresent = false;
  for (const item of items.items) {
    const invalid: string[] = [];
    const extended = readField(item, 'extendedData', extendedDataSchema, invalid) ?? {};
    for (const key of Object.keys(extended)) fieldsSeen.add(key);
    const key = statusKeyIn(extended, options.statusField);
    if (key in extended) fieldPresent = true;
    const status = readStatusValue(extended[key]);
    let statusLabel: string | null = null;
    if (status === null) invalid.push(`extendedData.${key}`);
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
    records.push(invalid.length > 0 ? { ...record, invalidFields: invalid } : record);
  }
  const fieldKnown = fieldPresent || options.definitions?.hasField === true;
  if (!fieldKnown && records.length > 0) {
    const existing = [
      ...new Set([...fieldsSeen, ...(options.definitions?.fieldKeys ?? [])]),
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
