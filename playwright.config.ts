import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { EMULATOR_PORT, PORTAL_PORT as PORT } from './e2e/support/ports';
export const E2E_EMULATOR_FILE = '.local/emulator-e2e.json';

/** An explicit path first, then Debian's Chromium, else Playwright's own browser. */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${PORT}`,
    ignoreHTTPSErrors: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node node_modules/tsx/dist/cli.mjs scripts/run-portal.ts start',
    url: `http://localhost:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      ROLEPORT_DATA_DIR: '.data/e2e',
      ROLEPORT_EMULATOR_PORT: EMULATOR_PORT,
      ROLEPORT_EMULATOR_FILE: E2E_EMULATOR_FILE,
      CATALOG_SYNC_INTERVAL_MINUTES: '60',
      // The renewal journey waits for the "ends in 7 days" email of a grant it has just made.
      EXPIRY_NOTICE_SCAN_SECONDS: '2',
    },
  },
});
