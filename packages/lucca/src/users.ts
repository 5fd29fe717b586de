import type { EmployeeRecord } from '@sync360/core';
import { z } from 'zod';
import type { StatusDefinitions } from './definitions.js';
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

/** A number or a string, read as text (ids, employee numbers). */
const idText = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value)));
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
/** `12`, `"12"` or `{ "id": 12, ...anything }`. */
const reference = z
  .union([
    idText,
    z.object({ id: z.union([z.number(), z.string()]) }).transform((ref) => String(ref.id)),
  ])
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

const extendedDataSchema = z.record(z.string(), z.unknown()).nullish();

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
export const readStatusValue = (raw: unknown): StatusValue | null => {
  if (raw === null || raw === undefined || raw === '') return { kind: 'none' };
  if (typeof raw === 'string') return { kind: 'label', label: raw };
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
    // A used field with a value of another type is named and read as null (rule 10).
    const read = <T>(field: FieldName, schema: z.ZodType<T>): T | null => {
      const parsed = schema.safeParse(item[field]);
      if (parsed.success) return parsed.data;
      invalid.push(field);
      return null;
    };
    const luccaId = read('id', idText);
    const employeeNumber = read('employeeNumber', idText);
    const extended = read('extendedData', extendedDataSchema) ?? {};
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
            message: `user ${luccaId ?? '?'} (employee number ${employeeNumber ?? 'none'}): extendedData.${key} holds list-entry id ${status.entryId}, which needs the field's definitions to become a label`,
          },
        };
      }
      statusLabel =
        options.definitions.labels.get(status.entryId) ?? `unknown list entry ${status.entryId}`;
    }
    // Either of a pair being odd makes the record field unknown, not the other one's value.
    const either = (first: FieldName, second: FieldName): string | null => {
      const one = read(first, reference);
      const other = read(second, reference);
      return invalid.includes(first) || invalid.includes(second) ? null : (one ?? other);
    };
    const record: EmployeeRecord = {
      luccaId,
      employeeNumber,
      firstName: read('firstName', text),
      lastName: read('lastName', text),
      email: read('mail', text),
      title: read('jobTitle', text),
      culture: read('culture', culture),
      managerLuccaId: either('manager', 'managerId'),
      legalEntityId: either('legalEntity', 'legalEntityId'),
      contractStart: read('dtContractStart', calendarDate),
      contractEnd: read('dtContractEnd', calendarDate),
      statusLabel,
    };
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
