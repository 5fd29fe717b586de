import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'sftp', include: ['test/**/*.test.ts'] } });
