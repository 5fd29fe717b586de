export { luccaDefaults, type LuccaSettings } from './context.js';
export { luccaRateLimiter, type RateLimiter } from './rate-limiter.js';
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
