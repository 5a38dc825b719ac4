import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Outside the React server runtime `server-only` throws on import; tests run server code directly.
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
  test: {
    include: ['**/*.test.ts'],
    // test/standalone needs the production build: scripts/run-standalone.ts runs it (vitest.standalone.config.mts).
    exclude: ['node_modules/**', 'e2e/**', '.next/**', 'test/standalone/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
