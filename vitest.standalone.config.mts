// Tests that start the production build as the container runs it (`node server.js` from the assembled image): they
// need `next build` first, so scripts/run-standalone.ts runs them after building, not the main `vitest run`.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.mts';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/standalone/**/*.test.ts'],
      exclude: ['node_modules/**'],
      testTimeout: 240_000,
      hookTimeout: 120_000,
      fileParallelism: false,
    },
  }),
);
