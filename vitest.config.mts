import { defineConfig } from 'vitest/config';
import { portalAliases } from './test/harness/vitest-aliases';

// test/standalone needs the production build: scripts/run-standalone.ts runs it (vitest.standalone.config.mts).
const notTests = ['node_modules/**', 'e2e/**', '.next/**', '.next-bench*/**', 'test/standalone/**'];
// Tests that start the emulator, open a database, listen on a socket or spawn a process are named *.integration.test.ts.
const integrationTests = ['**/*.integration.test.ts'];

export default defineConfig({
  resolve: { alias: portalAliases },
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...notTests, ...integrationTests],
          // Refuses sockets, processes, databases and the emulator (proved by test/harness/unit-boundary.test.ts).
          setupFiles: ['test/harness/unit-boundary.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: integrationTests, exclude: notTests },
      },
    ],
  },
});
