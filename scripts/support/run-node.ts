import { spawnSync } from 'node:child_process';
import { ensureCertificates } from '../../emulator/tls/ensure-certificates';
import { localDir } from '../../lib/env';

/** Runs a Node entry point with this process's Node, exiting with its status when it fails. */
export function runNode(args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The environment every test process needs: the local CA trusted, telemetry off. */
export async function testEnvironment(): Promise<NodeJS.ProcessEnv> {
  const certs = await ensureCertificates(localDir());
  return { ...process.env, NODE_EXTRA_CA_CERTS: certs.caCertPath, NEXT_TELEMETRY_DISABLED: '1' };
}
