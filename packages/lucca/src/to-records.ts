import { ConfigError, type EmployeeRecord } from '@sync360/core';
import type { LuccaContext } from './context.js';
import type { StatusDefinitions } from './definitions.js';
import { parseUsersPayload } from './users-payload.js';

/** Maps all fetched users at once (the status field may appear on any page) and turns issues into coded errors. */
export const recordsFromItems = (
  context: LuccaContext,
  items: ReadonlyArray<unknown>,
  definitions: StatusDefinitions | null,
): EmployeeRecord[] => {
  const result = parseUsersPayload(
    [...items],
    { statusField: context.statusField, definitions },
    'users',
  );
  if (result.ok) return result.records;
  const { issue } = result;
  if (issue.kind === 'status-field-missing') {
    const existing = issue.existingFields;
    throw new ConfigError(
      'status-field-missing',
      context.redact(
        `LUCCA_STATUS_FIELD "${context.statusField}" does not exist in this Lucca tenant (${definitions === null ? 'definitions not readable' : 'not among the custom field definitions'}, and on no user); custom fields that exist: ${existing.length > 0 ? existing.join(', ') : 'none'}`,
      ),
      existing.length > 0
        ? context.redact(
            `set LUCCA_STATUS_FIELD to the key of the Active/Inactive list field, one of: ${existing.join(', ')}`,
          )
        : 'create the Active/Inactive list field in Lucca (custom user fields) and set LUCCA_STATUS_FIELD to its key',
      { statusField: context.statusField },
    );
  }
  if (issue.kind === 'needs-definitions') {
    throw context.sourceError(
      'lucca-definitions-unavailable',
      `Lucca statuses are list-entry ids but the custom field definitions could not be read: ${issue.message}`,
      'give the API key read access to custom field definitions (GET /api/v3/extensionuserdefinitions)',
    );
  }
  throw context.sourceError(
    'lucca-bad-response',
    `Lucca sent an unexpected shape: GET /api/v3/users: ${issue.message}`,
    'the Lucca API may have changed; report this message',
  );
};

/** Employees whose contract ended before `today` (SPEC §9: they may be hidden by the key's rights). */
export const countFormerEmployees = (
  records: ReadonlyArray<EmployeeRecord>,
  today: string,
): number =>
  records.filter((record) => record.contractEnd !== null && record.contractEnd < today).length;

export const noFormerEmployeeWarning =
  'no former employee came back: the API key may lack the right to see them';
