import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts', 'src-renderer/**/*.test.ts'],
    // Browser tests belong to Playwright (`npm run test:e2e`).
    exclude: [...configDefaults.exclude, 'tests/e2e/**'],
    // Tests open real SQLite files and real loopback sockets; a slow CI disk must not fail them.
    testTimeout: 30_000,
    // better-sqlite3 is a native addon; separate processes keep each file's handles to itself.
    pool: 'forks',
  },
});
