export { checkApi360 } from './check.js';
export { checkApi360Rules } from './check-rules.js';
export { createApi360Client, type Api360Client } from './client.js';
export { operationLines } from './describe.js';
export {
  applyApi360Plan,
  plannedOperations,
  type Api360Delivery,
  type ApplyOptions,
} from './execute.js';
export { guardWithDeletes } from './guard.js';
export { managerReadsFor, planApi360, type Api360Plan, type Api360PlanInput } from './plan.js';
export type { Api360Warning, OperationsReport } from './operations.js';
export { guardWithRoleRemovals, planRules, readRulesLive, rulesFitProblems } from './plan-rules.js';
export { planFromLive } from './read-live.js';
export type { Api360User } from './schemas.js';
export { api360Defaults, type Api360Settings } from './settings.js';
export { checkHistoryScopes, readLearningHistory } from './stats.js';
