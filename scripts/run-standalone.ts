// The container image's proofs: builds (unless --no-build), then the sign-in + catalog e2e against the standalone server
// (playwright.standalone.config.ts) and the production-server tests (graceful shutdown, two replicas).
import path from 'node:path';
import { runNode, testEnvironment } from './support/run-node';

async function main() {
  const env = await testEnvironment();
  if (!process.argv.includes('--no-build')) runNode([path.resolve('node_modules/next/dist/bin/next'), 'build'], env);
  if (!process.argv.includes('--no-e2e')) {
    runNode([path.resolve('node_modules/@playwright/test/cli.js'), 'test', '--config', 'playwright.standalone.config.ts'], env);
  }
  const files = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  runNode([path.resolve('node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.standalone.config.mts', ...files], env);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
