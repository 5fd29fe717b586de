export * from './definitions.js';
export * from './status-value.js';
export * from './user-schema.js';
export * from './users-payload.js';
export type { LuccaSettings } from './settings.js';
export { luccaDefaults } from './settings.js';
export {
  createRateLimiter,
  luccaRateLimiter,
  type RateLimiter,
  type SlidingWindowOptions,
} from './rate-limiter.js';
export { fetchLuccaRecords, type LuccaFetchResult } from './fetch-records.js';
export { checkLucca } from './check-lucca.js';
export { parseRetryAfterMs } from './retry-after.js';
