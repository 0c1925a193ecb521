import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the built renderer in Debian's Chromium, driven by playwright-core,
 * against the real browser-mode server. Run by `npm run test:e2e` (and as the last step of
 * `npm test`); one file at a time, because the files share the build and the browser binary.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/e2e/build-renderer.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
