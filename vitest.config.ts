import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Each integration file starts its own app and database; two at a time suits a 2-core machine.
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
