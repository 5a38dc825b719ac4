// The one test command: unit and integration tests (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), then e2e.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureCertificates } from '../emulator/tls/ensure-certificates';
import { localDir } from '../lib/env';

function run(args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
  const certs = await ensureCertificates(localDir());
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: certs.caCertPath, NEXT_TELEMETRY_DISABLED: '1' };
  if (!env.TEST_DATABASE_URL) {
    console.log('PostgreSQL run not done: TEST_DATABASE_URL is not set, so the data-layer suite ran on SQLite only.');
  }
  run([path.resolve('node_modules/vitest/vitest.mjs'), 'run'], env);
  if (process.argv.includes('--no-e2e')) return;
  run([path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/run-e2e.ts'], env);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
