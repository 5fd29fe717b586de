import { defineConfig } from 'vitest/config';
import { SummaryLineReporter } from './tools/summary-line-reporter.js';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tools/*/vitest.config.ts'],
    reporters: ['default', new SummaryLineReporter()],
    // Most tests wait on child processes and local servers, not on the CPU: three files at a
    // time take the suite from ~10 to ~4 minutes on a 2-core machine.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
