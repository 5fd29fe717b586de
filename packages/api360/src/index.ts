export { checkApi360 } from './check.js';
export { api360SettingsFor, type Api360Config } from './config.js';
export { operationLines } from './describe.js';
export {
  createApi360Client,
  type Api360Client,
  type Api360ClientOptions,
  type Api360Rejection,
  type Api360Result,
  type CreateUserBody,
  type UserPatch,
} from './client.js';
export {
  applyApi360Plan,
  plannedOperations,
  type Api360Delivery,
  type ApplyOptions,
} from './execute.js';
export type {
  Api360Operation,
  Api360Warning,
  Api360WarningCode,
  ItemStatus,
  OperationItem,
  OperationKind,
  OperationsReport,
} from './operations.js';
export {
  managerReadsFor,
  planApi360,
  type Api360Conflict,
  type Api360Plan,
  type Api360PlanInput,
  type Api360PlanOptions,
} from './plan.js';
export { guardWithDeletes } from './guard.js';
export { planFromLive, type LivePlan } from './read-live.js';
export { api360Languages, isApi360Language, objectIdPattern, type Api360User } from './schemas.js';
export { api360Defaults, type Api360Settings } from './settings.js';
