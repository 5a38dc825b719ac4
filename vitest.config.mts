import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// test/standalone needs the production build: scripts/run-standalone.ts runs it (vitest.standalone.config.mts).
const notTests = ['node_modules/**', 'e2e/**', '.next/**', '.next-bench*/**', 'test/standalone/**'];
// Tests that start the emulator, open a database, listen on a socket or spawn a process are named *.integration.test.ts.
const integrationTests = ['**/*.integration.test.ts'];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Outside the React server runtime `server-only` throws on import; tests run server code directly.
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
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
