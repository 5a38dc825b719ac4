// The one test command: unit and integration tests (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), then e2e.
// `--integration` runs the integration project alone (`npm run test:integration`); `--no-e2e` stops after Vitest;
// any other argument goes to Vitest (e.g. `npm run test:integration -- lib/db` runs the matching files).
import path from 'node:path';
import { runNode, testEnvironment } from './support/run-node';

async function main() {
  const flags = ['--integration', '--no-e2e'];
  const integrationOnly = process.argv.includes('--integration');
  const vitestArgs = process.argv.slice(2).filter((arg) => !flags.includes(arg));
  const env = await testEnvironment();
  if (!env.TEST_DATABASE_URL) {
    console.log('PostgreSQL run not done: TEST_DATABASE_URL is not set, so the data-layer suite ran on SQLite only.');
  }
  const project = integrationOnly ? ['--project', 'integration'] : [];
  runNode([path.resolve('node_modules/vitest/vitest.mjs'), 'run', ...project, ...vitestArgs], env);
  if (integrationOnly || process.argv.includes('--no-e2e')) return;
  runNode([path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/run-e2e.ts'], env);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
