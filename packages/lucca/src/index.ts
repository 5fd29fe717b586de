export {
  luccaDefaults,
  luccaRateLimiter,
  type LuccaSettings,
  type RateLimiter,
} from './context.js';
export { readDefinitions, type StatusDefinitions } from './definitions.js';
export { parseUsersPayload } from './users.js';
export { fetchLuccaRecords } from './fetch-records.js';
export { checkLucca } from './check-lucca.js';
export { setLuccaStatus, type SetStatusResult } from './set-status.js';
export {
  checkTrainingAccess,
  createLuccaTrainingClient,
  type LuccaTrainingClient,
} from './training.js';
