import pLimit from 'p-limit';
import type { Api360Client } from './client.js';
import { managerReadsFor, planApi360, type Api360Plan, type Api360PlanInput } from './plan.js';
import type { Api360User } from './schemas.js';

export interface LivePlan {
  readonly plan: Api360Plan;
  readonly users: ReadonlyArray<Api360User>;
}

/**
 * Reads 360Learning (every user, then the managers of the accounts whose manager may change) and
 * plans against it. Only reads: a dry run calls this and stops.
 */
export const planFromLive = async (
  client: Api360Client,
  input: Omit<Api360PlanInput, 'users' | 'unreadable' | 'managers'>,
  concurrency = 8,
): Promise<LivePlan> => {
  const { users, unreadable } = await client.listUsers();
  const reads = managerReadsFor({ ...input, users, unreadable });
  const managers = new Map<string, ReadonlyArray<string>>();
  let failure: unknown = null;
  await pLimit(concurrency).map(reads, async (userId) => {
    if (failure !== null) return;
    try {
      const result = await client.listManagers(userId);
      // A refused read (the account vanished meanwhile) counts as no managers.
      if (result.ok) managers.set(userId, result.value);
    } catch (error) {
      failure ??= error;
    }
  });
  if (failure !== null) throw failure;
  return { plan: planApi360({ ...input, users, unreadable, managers }), users };
};
