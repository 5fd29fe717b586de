import type { Api360Rejection } from './client.js';
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

/** What to do about 360Learning's error codes, for the HR admin fixing the data. */
const fixes: Readonly<Record<string, { readonly field: string | null; readonly fix: string }>> = {
  mailAlreadyUsed: {
    field: 'email',
    fix: 'another 360Learning account already has this email: correct the email in Lucca, or merge the two accounts in 360Learning',
  },
  mailInvalid: {
    field: 'email',
    fix: '360Learning does not accept this email: correct it in Lucca',
  },
  mailUsedTooManyTimes: {
    field: 'email',
    fix: 'this email was used by too many 360Learning accounts: ask 360Learning to clean up the deleted ones',
  },
  groupNotFound: {
    field: null,
    fix: 'API360_DEFAULT_GROUP_ID names no 360Learning group: set it to the id of the group new users join',
  },
  userNotFound: {
    field: null,
    fix: 'the account disappeared from 360Learning during the run: the next run re-reads 360Learning',
  },
  managerNotFound: {
    field: 'managerId',
    fix: "the manager's account disappeared from 360Learning during the run: the next run re-reads 360Learning",
  },
  managerDeleted: {
    field: 'managerId',
    fix: "the manager's 360Learning account is deleted: set the manager's 360 status to Active in Lucca, or change the manager",
  },
  userDeleted: {
    field: null,
    fix: 'the account was deleted in 360Learning during the run: the next run re-reads 360Learning',
  },
  userNotFoundInGroup: {
    field: null,
    fix: 'the user had already left the group in 360Learning: the next run re-reads the groups',
  },
  analystUnavailable: {
    field: null,
    fix: 'this group role is not available in the 360Learning company: remove the rule from the rules file',
  },
  unauthorizedValue: {
    field: null,
    fix: "360Learning does not allow this value in the custom field: add it to the field's authorized values in 360Learning, or correct it in Lucca",
  },
  wrongTypeValue: {
    field: null,
    fix: 'the custom field has another type in 360Learning (date or text): point the rule at a field of the right type',
  },
  multipleValuesForSingleCustomField: {
    field: null,
    fix: 'the custom field takes one value: check the rules file maps it once',
  },
  customFieldNotFound: {
    field: null,
    fix: 'the custom field no longer exists in 360Learning: correct the rules file',
  },
  userIsCompanyOwner: {
    field: 'status',
    fix: "the company owner's account cannot be deleted: transfer the ownership in 360Learning first",
  },
};

/** The `api360-rejected` warning of one refused operation (no names or emails in the text). */
export const rejectionWarning = (
  operation: Api360Operation,
  rejection: Api360Rejection,
): Api360Warning => {
  const known = rejection.code === null ? undefined : fixes[rejection.code];
  const status = `HTTP ${rejection.status}${rejection.code === null ? '' : ` ${rejection.code}`}`;
  return {
    uniqueId: operation.uniqueId,
    code: 'api360-rejected',
    field: known?.field ?? null,
    message: `360Learning refused to ${verbs[operation.operation]} this user (${status}): ${known?.fix ?? "check the employee's data in Lucca; the other users were delivered"}`,
    operation: operation.operation,
    status: rejection.status,
    apiCode: rejection.code,
  };
};
