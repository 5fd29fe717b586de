import type { CreateUserBody, UserPatch } from './client.js';
import type { CustomValue, PathRole } from './groups.js';

/**
 * One write sync360 plans against 360Learning. `userId` null means "the account this run's
 * create or restore of `uniqueId` gives" (its id is known only once 360Learning answers).
 */
export type Api360Operation =
  | { readonly operation: 'create'; readonly uniqueId: string; readonly body: CreateUserBody }
  | {
      readonly operation: 'restore';
      readonly uniqueId: string;
      /** The deleted account expected to come back (360Learning picks it by mail). */
      readonly userId: string;
      readonly body: CreateUserBody;
    }
  | {
      readonly operation: 'update';
      readonly uniqueId: string;
      readonly userId: string | null;
      readonly patch: UserPatch;
      /** The values 360Learning had for the patched fields (what a dry run shows). */
      readonly before: { readonly [K in keyof UserPatch]?: string | null };
    }
  | {
      readonly operation: 'delete';
      readonly uniqueId: string;
      readonly userId: string;
      readonly mail: string | null;
    }
  | { readonly operation: 'activate'; readonly uniqueId: string; readonly userId: string | null }
  | {
      readonly operation: 'add-manager' | 'remove-manager';
      readonly uniqueId: string;
      readonly userId: string | null;
      /** The manager's account; null when it is created in this run. */
      readonly managerId: string | null;
      /** The manager's row in the file, or null for an account the file does not know. */
      readonly managerUniqueId: string | null;
    }
  | {
      readonly operation: 'add-role' | 'remove-role';
      readonly uniqueId: string;
      readonly userId: string | null;
      readonly groupId: string;
      readonly role: PathRole;
      /** Removing `learner`: the public subgroups it also leaves (360Learning's cascade). */
      readonly alsoLeaves: ReadonlyArray<string>;
    }
  | {
      readonly operation: 'set-custom-fields';
      readonly uniqueId: string;
      readonly userId: string | null;
      /** All of the user's values after the change: unmanaged ones as read, managed ones as wanted. */
      readonly values: ReadonlyArray<CustomValue>;
      /** The managed fields whose value changes (set or removed). */
      readonly customFieldIds: ReadonlyArray<string>;
      /** Managed values removed (they count toward the role-removal cap). */
      readonly cleared: number;
    };

export type OperationKind = Api360Operation['operation'];

export type Api360WarningCode =
  'api360-rejected' | 'api360-unreadable-user' | 'manager-not-in-360' | 'language-not-in-360';

/** A delivery-stage problem of one row (a warning: the rest of the run goes on). */
export interface Api360Warning {
  /** Null for an unreadable 360Learning user that no row of the file matches. */
  readonly uniqueId: string | null;
  readonly code: Api360WarningCode;
  readonly field: string | null;
  readonly message: string;
  /** For `api360-rejected`: what was refused, the HTTP status and 360Learning's error code. */
  readonly operation: OperationKind | null;
  readonly status: number | null;
  readonly apiCode: string | null;
}

export type ItemStatus = 'planned' | 'done' | 'rejected';

export interface OperationItem {
  readonly uniqueId: string;
  readonly operation: OperationKind;
  readonly fields: ReadonlyArray<string>;
  readonly status: ItemStatus;
  /** `HTTP 400 mailAlreadyUsed`, or why it was not attempted; null unless rejected. */
  readonly error: string | null;
  /** Group rules (§7c): add-role and remove-role. */
  readonly groupId?: string;
  readonly role?: string;
  readonly alsoLeaves?: ReadonlyArray<string>;
  /** set-custom-fields: the managed fields it changes. */
  readonly customFieldIds?: ReadonlyArray<string>;
}

/** The report's `operations`: counts of what was (or, in a dry run, would be) done. */
export interface OperationsReport {
  readonly create: number;
  readonly restore: number;
  readonly update: number;
  readonly delete: number;
  readonly managers: number;
  readonly rejected: number;
  readonly addRole: number;
  readonly removeRole: number;
  readonly setCustomFields: number;
  readonly items: ReadonlyArray<OperationItem>;
}

export const fieldsOf = (operation: Api360Operation): string[] => {
  switch (operation.operation) {
    case 'create':
    case 'restore':
      return Object.keys(operation.body).filter((key) => key !== 'membership');
    case 'update':
      return Object.keys(operation.patch);
    case 'add-manager':
    case 'remove-manager':
      return ['managerId'];
    default:
      return [];
  }
};

/** The item fields of group-rule operations (`groupId`, `role`, `alsoLeaves`, `customFieldIds`). */
export const ruleFieldsOf = (
  operation: Api360Operation,
): Pick<OperationItem, 'groupId' | 'role' | 'alsoLeaves' | 'customFieldIds'> => {
  if (operation.operation === 'add-role' || operation.operation === 'remove-role')
    return {
      groupId: operation.groupId,
      role: operation.role,
      alsoLeaves: [...operation.alsoLeaves],
    };
  if (operation.operation === 'set-custom-fields')
    return { customFieldIds: [...operation.customFieldIds] };
  return {};
};

const ruleCounts = {
  'add-role': 'addRole',
  'remove-role': 'removeRole',
  'set-custom-fields': 'setCustomFields',
} as const;

export const summarize = (items: ReadonlyArray<OperationItem>): OperationsReport => {
  const counts = {
    create: 0,
    restore: 0,
    update: 0,
    delete: 0,
    managers: 0,
    rejected: 0,
    addRole: 0,
    removeRole: 0,
    setCustomFields: 0,
  };
  for (const item of items) {
    if (item.status === 'rejected') counts.rejected += 1;
    else if (item.operation === 'add-manager' || item.operation === 'remove-manager')
      counts.managers += 1;
    else if (
      item.operation === 'add-role' ||
      item.operation === 'remove-role' ||
      item.operation === 'set-custom-fields'
    )
      counts[ruleCounts[item.operation]] += 1;
    else if (item.operation !== 'activate') counts[item.operation] += 1;
  }
  return { ...counts, items };
};
