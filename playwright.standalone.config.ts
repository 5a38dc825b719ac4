// The sign-in and catalog e2e against the container image's contents (assembled from the Dockerfile) run as
// `node server.js` with only the production configuration, behind a TLS front like Container Apps' ingress.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';
import { STANDALONE_PORTS } from './scripts/standalone/standalone-ports';

export default defineConfig({
  ...base,
  testMatch: ['catalog.spec.ts'],
  outputDir: 'test-results/standalone',
  use: { ...base.use, baseURL: `https://localhost:${STANDALONE_PORTS.front}` },
  webServer: {
    command: 'node node_modules/tsx/dist/cli.mjs scripts/standalone/serve-standalone.ts',
    url: `https://localhost:${STANDALONE_PORTS.front}/api/health`,
    ignoreHTTPSErrors: true,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 40_000 },
  },
});
