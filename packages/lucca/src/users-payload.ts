import type { EmployeeRecord } from '@sync360/core';
import type { StatusDefinitions } from './definitions.js';
import { describeFirstIssue } from './describe-issue.js';
import { readStatusValue } from './status-value.js';
import { luccaUserSchema, usersPayloadSchema, type LuccaUser } from './user-schema.js';

export interface UsersPayloadOptions {
  readonly statusField: string;
  /** Needed when statuses are list-entry ids; null when unavailable. */
  readonly definitions: StatusDefinitions | null;
}

export type UsersPayloadIssue =
  | { readonly kind: 'shape'; readonly message: string }
  | { readonly kind: 'needs-definitions'; readonly message: string }
  | {
      readonly kind: 'status-field-missing';
      readonly message: string;
      readonly existingFields: ReadonlyArray<string>;
    };

export type UsersPayloadResult =
  | { readonly ok: true; readonly records: EmployeeRecord[] }
  | { readonly ok: false; readonly issue: UsersPayloadIssue };

/** Items of one users response body, or of an array of items. */
export const itemsOfUsersPayload = (
  json: unknown,
  rootName: string,
): { ok: true; items: unknown[] } | { ok: false; message: string } => {
  const body = usersPayloadSchema.safeParse(json);
  if (!body.success) {
    return {
      ok: false,
      message: `${rootName}: expected {"data":{"items":[...]}} or an array of users; saw ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}`,
    };
  }
  const data = body.data;
  return {
    ok: true,
    items: Array.isArray(data) ? data : 'data' in data ? data.data.items : data.items,
  };
};

const refId = (value: LuccaUser['manager']): string | null => {
  if (value === null || value === undefined) return null;
  return typeof value === 'object' ? String(value.id) : String(value);
};

const calendarDate = (value: string | null | undefined): string | null | undefined => {
  if (value === null || value === undefined || value === '') return null;
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(value.trim());
  return match?.[1];
};

const cultureOf = (culture: LuccaUser['culture']): number | string | null => {
  if (culture === null || culture === undefined) return null;
  if (typeof culture === 'object') return culture.id ?? culture.name ?? null;
  return culture;
};

/** SPEC §9 mapping of Lucca users to core records, in one place (the v3 endpoint is deprecated). */
export const parseUsersPayload = (
  json: unknown,
  options: UsersPayloadOptions,
  rootName = 'users',
): UsersPayloadResult => {
  const items = itemsOfUsersPayload(json, rootName);
  if (!items.ok) return { ok: false, issue: { kind: 'shape', message: items.message } };
  const records: EmployeeRecord[] = [];
  const fieldsSeen = new Set<string>();
  let fieldPresent = false;
  for (const [index, item] of items.items.entries()) {
    const parsed = luccaUserSchema.safeParse(item);
    const where = `${rootName}[${index}]`;
    if (!parsed.success) {
      return {
        ok: false,
        issue: { kind: 'shape', message: describeFirstIssue(parsed.error, item, where) },
      };
    }
    const user = parsed.data;
    const extended = user.extendedData ?? {};
    for (const key of Object.keys(extended)) fieldsSeen.add(key);
    // LUCCA_STATUS_FIELD may be the definition's code (`360_status`) or the key (`e_360_status`).
    const key = options.statusField in extended ? options.statusField : `e_${options.statusField}`;
    if (key in extended) fieldPresent = true;
    const status = readStatusValue(extended[key]);
    if (status === null) {
      return {
        ok: false,
        issue: {
          kind: 'shape',
          message: `${where}.extendedData.${key}: expected {"value": <entry id or label>}; saw ${JSON.stringify(extended[key]).slice(0, 80)}`,
        },
      };
    }
    let statusLabel: string | null = null;
    if (status.kind === 'label') statusLabel = status.label;
    if (status.kind === 'entry') {
      if (options.definitions === null) {
        return {
          ok: false,
          issue: {
            kind: 'needs-definitions',
            message: `${where}.extendedData.${key} holds list-entry id ${status.entryId}, which needs the field's definitions to become a label`,
          },
        };
      }
      statusLabel =
        options.definitions.labels.get(status.entryId) ?? `unknown list entry ${status.entryId}`;
    }
    const contractStart = calendarDate(user.dtContractStart);
    const contractEnd = calendarDate(user.dtContractEnd);
    if (contractStart === undefined || contractEnd === undefined) {
      const field = contractStart === undefined ? 'dtContractStart' : 'dtContractEnd';
      return {
        ok: false,
        issue: {
          kind: 'shape',
          message: `${where}.${field}: expected an ISO date or date-time; saw ${JSON.stringify(user[field])}`,
        },
      };
    }
    records.push({
      luccaId: String(user.id),
      employeeNumber:
        user.employeeNumber === null || user.employeeNumber === undefined
          ? null
          : String(user.employeeNumber),
      firstName: user.firstName ?? null,
      lastName: user.lastName ?? null,
      email: user.mail ?? null,
      title: user.jobTitle ?? null,
      culture: cultureOf(user.culture),
      managerLuccaId: refId(user.manager) ?? refId(user.managerId),
      legalEntityId: refId(user.legalEntity) ?? refId(user.legalEntityId),
      contractStart,
      contractEnd,
      statusLabel,
    });
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
