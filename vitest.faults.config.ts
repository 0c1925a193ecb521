import { defineConfig } from 'vitest/config';

/** Crash, fuzz and limit tests: slower than the unit suite, run by `npm run test:faults`. */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
