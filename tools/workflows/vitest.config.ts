import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'workflows', include: ['test/**/*.test.ts'] } });
