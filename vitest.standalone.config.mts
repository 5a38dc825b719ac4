// Tests that start the production build as the container runs it (`node server.js` from the assembled image): they
// need `next build` first, so scripts/run-standalone.ts runs them after building, not the main `vitest run`.
import { defineConfig } from 'vitest/config';
import { portalAliases } from './test/harness/vitest-aliases';

export default defineConfig({
  resolve: { alias: portalAliases },
  test: {
    include: ['test/standalone/**/*.test.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
