// Builds the portal for production and runs Playwright against `next start` with its own emulator and database; a full
// run then proves the standalone server the container image runs (scripts/run-standalone.ts).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { runNode, testEnvironment } from './support/run-node';

async function main() {
  const env = await testEnvironment();
  rmSync(path.resolve('.data/e2e'), { recursive: true, force: true });
  if (!process.argv.includes('--no-build')) runNode([path.resolve('node_modules/next/dist/bin/next'), 'build'], env);
  const extra = process.argv.slice(2).filter((arg) => arg !== '--no-build');
  runNode([path.resolve('node_modules/@playwright/test/cli.js'), 'test', ...extra], env);
  // The whole suite also proves the container image: the same build, run as `node server.js` from the Dockerfile's COPYs.
  if (extra.length === 0) runNode([path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/run-standalone.ts', '--no-build'], env);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
