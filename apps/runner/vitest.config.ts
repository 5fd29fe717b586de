import { defineProject } from 'vitest/config';

// CLI tests spawn the real CLI as child processes: give them room on a loaded 2-core machine.
export default defineProject({
  test: {
    name: 'runner',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
