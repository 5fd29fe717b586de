export * from './env-fields.js';
export * from './plan-env.js';
