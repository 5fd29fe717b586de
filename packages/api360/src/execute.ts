import { isSync360Error, type Sync360Error } from '@sync360/core';
import pLimit from 'p-limit';
import type { Api360Client, Api360Result } from './client.js';
import {
  fieldsOf,
  ruleFieldsOf,
  summarize,
  type Api360Operation,
  type Api360Warning,
  type OperationItem,
  type OperationsReport,
} from './operations.js';
import type { Api360Plan } from './plan.js';
import { rejectionWarning } from './rejections.js';

export interface ApplyOptions {
  /** Whether 360Learning emails an invitation to created users. */
  readonly sendInvitations: boolean;
  /** Operations in flight at once (the limiter still keeps 360Learning's pace). */
  readonly concurrency?: number;
  readonly progress?: (line: string) => void;
}

export interface Api360Delivery {
  readonly operations: OperationsReport;
  /** One `api360-rejected` per refused operation (the plan's own warnings are in the plan). */
  readonly rejections: ReadonlyArray<Api360Warning>;
  /** What stopped the delivery (auth, transport, retries used up); items not reached stay `planned`. */
  readonly failure: Sync360Error | null;
}

const conflictItems = (plan: Api360Plan): OperationItem[] =>
  plan.conflicts.map((conflict) => ({
    uniqueId: conflict.uniqueId,
    operation: conflict.operation,
    fields: [],
    status: 'rejected',
    error: conflict.error,
  }));

const plannedItem = (operation: Api360Operation): OperationItem => ({
  uniqueId: operation.uniqueId,
  operation: operation.operation,
  fields: fieldsOf(operation),
  status: 'planned',
  error: null,
  ...ruleFieldsOf(operation),
});

/** A dry run's `operations`: everything planned, rows in conflict rejected. */
export const plannedOperations = (plan: Api360Plan): OperationsReport =>
  summarize([...plan.operations.map(plannedItem), ...conflictItems(plan)]);

interface Deferred {
  readonly promise: Promise<string | null>;
  resolve(accountId: string | null): void;
}

const deferred = (): Deferred => {
  let resolve: (accountId: string | null) => void = () => undefined;
  const promise = new Promise<string | null>((settle) => (resolve = settle));
  return { promise, resolve };
};

const notAttempted = 'not attempted: creating the account was rejected';

/**
 * Applies the plan in order. Operations on one row run one after the other; a row's operations
 * that need an account created in this run wait for it. A per-user 4xx rejects that operation
 * only; any other failure stops the delivery and is returned in `failure`.
 */
export const applyApi360Plan = async (
  client: Api360Client,
  plan: Api360Plan,
  options: ApplyOptions,
): Promise<Api360Delivery> => {
  const items = plan.operations.map(plannedItem);
  const rejections: Api360Warning[] = [];
  const created = new Map<string, Deferred>();
  for (const operation of plan.operations)
    if (operation.operation === 'create' || operation.operation === 'restore')
      created.set(operation.uniqueId, deferred());
  let failure: unknown = null;
  let finished = 0;

  const accountOf = async (uniqueId: string, known: string | null): Promise<string | null> =>
    known ?? (await created.get(uniqueId)?.promise) ?? null;

  const send = async (operation: Api360Operation): Promise<Api360Result<unknown> | null> => {
    switch (operation.operation) {
      case 'create':
      case 'restore': {
        const result = await client.createUser(operation.body, options.sendInvitations);
        created.get(operation.uniqueId)?.resolve(result.ok ? result.value.userId : null);
        return result;
      }
      case 'delete':
        return client.deleteUser(operation.userId);
      default: {
        const userId = await accountOf(operation.uniqueId, operation.userId);
        if (userId === null) return null;
        switch (operation.operation) {
          case 'update':
            return client.updateUser(userId, operation.patch);
          case 'activate':
            return client.activateUser(userId);
          case 'add-role':
            return client.addRole(operation.groupId, operation.role, userId);
          case 'remove-role':
            return client.removeRole(operation.groupId, operation.role, userId);
          case 'set-custom-fields':
            return client.replaceCustomValues(userId, operation.values);
          default:
            break;
        }
        const managerId =
          operation.managerUniqueId === null
            ? operation.managerId
            : await accountOf(operation.managerUniqueId, operation.managerId);
        if (managerId === null) return null;
        return operation.operation === 'add-manager'
          ? client.addManager(userId, managerId)
          : client.removeManager(userId, managerId);
      }
    }
  };

  const runOne = async (index: number, operation: Api360Operation): Promise<void> => {
    const item = items[index];
    try {
      if (item === undefined || failure !== null) return;
      const result = await send(operation);
      if (result === null) items[index] = { ...item, status: 'rejected', error: notAttempted };
      else if (result.ok) items[index] = { ...item, status: 'done' };
      else {
        items[index] = {
          ...item,
          status: 'rejected',
          error: `HTTP ${result.status}${result.code === null ? '' : ` ${result.code}`}`,
        };
        rejections.push(rejectionWarning(operation, result));
      }
    } catch (error) {
      failure ??= error;
    } finally {
      created.get(operation.uniqueId)?.resolve(null);
      finished += 1;
      if (finished % 250 === 0)
        options.progress?.(`360Learning: ${finished}/${plan.operations.length} operations`);
    }
  };

  // Operations start in plan order, a few in flight; once one fails, no new one starts.
  const lastOfRow = new Map<string, Promise<void>>();
  await pLimit(options.concurrency ?? 8).map(plan.operations, (operation, index) => {
    if (failure !== null) return undefined;
    const previous = lastOfRow.get(operation.uniqueId) ?? Promise.resolve();
    const task = previous.then(() => runOne(index, operation));
    lastOfRow.set(operation.uniqueId, task);
    return task;
  });
  for (const pending of created.values()) pending.resolve(null);

  if (failure !== null && !isSync360Error(failure)) throw failure;
  return {
    operations: summarize([...items, ...conflictItems(plan)]),
    rejections,
    failure: failure !== null && isSync360Error(failure) ? failure : null,
  };
};
