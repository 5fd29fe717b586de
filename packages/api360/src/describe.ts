import { shownError } from './error-codes.js';
import type { Api360Operation, OperationsReport } from './operations.js';
import type { Api360Plan } from './plan.js';

const patchFields = ['mail', 'firstName', 'lastName', 'job', 'lang'] as const;

const quoted = (value: string | null | undefined): string =>
  value === null || value === undefined ? '(none)' : JSON.stringify(value);

/** What one operation changes: values when `redact` is false, field names only when true. */
const whatOf = (operation: Api360Operation, redact: boolean): string => {
  switch (operation.operation) {
    case 'create':
    case 'restore': {
      const { membership, ...fields } = operation.body;
      if (redact) return `${Object.keys(fields).join(', ')}; group ${membership.groupId}`;
      const values = Object.entries(fields).map(([key, value]) => `${key} ${quoted(value)}`);
      return `${values.join(', ')}; group ${membership.groupId} as ${membership.role}`;
    }
    case 'update':
      return patchFields
        .filter((key) => operation.patch[key] !== undefined)
        .map((key) =>
          redact
            ? key
            : `${key} ${quoted(operation.before[key])} -> ${quoted(operation.patch[key])}`,
        )
        .join(', ');
    case 'delete':
      return redact || operation.mail === null ? '' : operation.mail;
    case 'activate':
      return '';
    case 'add-role':
    case 'remove-role':
      return `group ${operation.groupId} as ${operation.role}${operation.alsoLeaves.length === 0 ? '' : `, also leaves ${operation.alsoLeaves.join(', ')}`}`;
    case 'set-custom-fields':
      return `custom fields ${operation.customFieldIds.join(', ')}${operation.cleared === 0 ? '' : ` (${operation.cleared} removed)`}`;
    default:
      return operation.managerUniqueId === null
        ? `manager account ${operation.managerId ?? '(created in this run)'}`
        : `manager ${operation.managerUniqueId}`;
  }
};

/**
 * The console lines of a dry run (or of what a delivery did): one count line, then one line per
 * operation and per row in conflict. With `redact`, rows are named by uniqueId only and updates
 * list field names without values.
 */
export const operationLines = (
  plan: Api360Plan,
  report: OperationsReport,
  redact: boolean,
): string[] => {
  const counts = `360Learning operations: ${report.create} create, ${report.restore} restore, ${report.update} update, ${report.delete} delete, ${report.managers} manager changes, ${report.rejected} rejected${plan.rules === null ? '' : `; group rules: ${report.addRole} roles added, ${report.removeRole} removed, ${report.setCustomFields} custom-field updates`}`;
  const lines = plan.operations.map((operation, index) => {
    const item = report.items[index];
    const status =
      item === undefined || item.status === 'planned'
        ? ''
        : ` [${item.status}${item.error === null ? '' : `: ${shownError(item.error)}`}]`;
    const what = whatOf(operation, redact);
    return `  ${operation.operation.padEnd(14)} ${operation.uniqueId}${what === '' ? '' : ` ${what}`}${status}`;
  });
  const conflicts = plan.conflicts.map(
    (conflict) =>
      `  ${'rejected'.padEnd(14)} ${conflict.uniqueId} (${conflict.operation}): ${conflict.error}`,
  );
  return [counts, ...lines, ...conflicts];
};
