export * from './definitions.js';
export * from './status-value.js';
export * from './user-schema.js';
export * from './users-payload.js';
