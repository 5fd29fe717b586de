import type { Api360Rejection } from './client.js';
import { hintOfCode, shownStatus } from './error-codes.js';
import type { Api360Operation, Api360Warning, OperationKind } from './operations.js';

const verbs: Readonly<Record<OperationKind, string>> = {
  create: 'create',
  restore: 'restore',
  update: 'update',
  delete: 'delete',
  activate: 'activate',
  'add-manager': 'add the manager of',
  'remove-manager': 'remove a manager of',
  'add-role': 'add a group role to',
  'remove-role': 'remove a group role from',
  'set-custom-fields': 'set the custom fields of',
};

/** The `api360-rejected` warning of one refused operation (no names or emails in the text). */
export const rejectionWarning = (
  operation: Api360Operation,
  rejection: Api360Rejection,
): Api360Warning => {
  const known = hintOfCode(rejection.code);
  return {
    uniqueId: operation.uniqueId,
    code: 'api360-rejected',
    field: known?.field ?? null,
    message: `360Learning refused to ${verbs[operation.operation]} this user (${shownStatus(rejection.status, rejection.code)}): ${known?.hint ?? "check the employee's data in Lucca; the other users were delivered"}`,
    operation: operation.operation,
    status: rejection.status,
    apiCode: rejection.code,
  };
};
