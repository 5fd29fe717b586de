export * from './env-fields.js';
export * from './plan-env.js';
export * from './today.js';
