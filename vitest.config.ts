import { defineConfig } from 'vitest/config';
import { SummaryLineReporter } from './tools/summary-line-reporter.js';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tools/*/vitest.config.ts'],
    reporters: ['default', new SummaryLineReporter()],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
