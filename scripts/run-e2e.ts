// Builds the portal for production and runs Playwright against `next start` with its own emulator and database.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
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
  rmSync(path.resolve('.data/e2e'), { recursive: true, force: true });
  if (!process.argv.includes('--no-build')) run([path.resolve('node_modules/next/dist/bin/next'), 'build'], env);
  const extra = process.argv.slice(2).filter((arg) => arg !== '--no-build');
  run([path.resolve('node_modules/@playwright/test/cli.js'), 'test', ...extra], env);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
