import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'lucca', include: ['test/**/*.test.ts'] } });
