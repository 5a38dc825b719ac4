// Builds the portal for production and runs Playwright against `next start` with its own emulator and database.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { runNode, testEnvironment } from './support/run-node';

async function main() {
  const env = await testEnvironment();
  rmSync(path.resolve('.data/e2e'), { recursive: true, force: true });
  if (!process.argv.includes('--no-build')) runNode([path.resolve('node_modules/next/dist/bin/next'), 'build'], env);
  const extra = process.argv.slice(2).filter((arg) => arg !== '--no-build');
  runNode([path.resolve('node_modules/@playwright/test/cli.js'), 'test', ...extra], env);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
