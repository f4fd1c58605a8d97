import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // A limit for a test that hangs, not a speed goal: on two busy cores a test that takes 4 s alone can take ten times that.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Each integration file starts its own app and database; two at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
