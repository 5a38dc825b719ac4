// Starts the assembled image the way the container would: its CMD, in its WORKDIR, with the Dockerfile's ENV and the
// production configuration only (Azure mode; the endpoints are the emulator's, as a deployment's are Azure's).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { EmulatorConnection } from '../../emulator/start';
import type { AssembledImage } from './assemble-image';

export interface ProductionServer {
  port: number;
  child: ChildProcess;
  /** Every line the server wrote (stdout and stderr). */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Secrets a deployment keeps in Key Vault; replicas of one deployment share them. */
export function deploymentSecrets(): { NEXTAUTH_SECRET: string; AUDIT_HMAC_KEY: string } {
  return { NEXTAUTH_SECRET: randomBytes(32).toString('base64url'), AUDIT_HMAC_KEY: randomBytes(32).toString('base64url') };
}

/**
 * The app settings infra/main.bicep gives the container, pointed at the emulator. NODE_EXTRA_CA_CERTS is the one
 * addition: a real host already trusts Azure's certificates, while the emulator's come from a local CA.
 */
export function productionEnvironment(options: {
  emulator: EmulatorConnection;
  publicUrl: string;
  databaseUrl?: string;
  dataDir?: string;
  secrets: { NEXTAUTH_SECRET: string; AUDIT_HMAC_KEY: string };
  extra?: Record<string, string>;
}): Record<string, string> {
  const { emulator } = options;
  const env: Record<string, string> = {
    AZURE_TENANT_ID: emulator.tenantId,
    AZURE_CLIENT_ID: emulator.portal.clientId,
    AZURE_CLIENT_SECRET: emulator.portal.clientSecret,
    AZURE_AUTHORITY_HOST: emulator.authorityHost,
    ARM_ENDPOINT: emulator.armEndpoint,
    GRAPH_ENDPOINT: emulator.graphEndpoint,
    APIM_SUBSCRIPTION_ID: emulator.subscriptionId,
    APIM_RESOURCE_GROUP: emulator.resourceGroup,
    APIM_SERVICE_NAME: emulator.serviceName,
    PUBLIC_URL: options.publicUrl,
    ...options.secrets,
    NODE_EXTRA_CA_CERTS: emulator.caCertPath,
    ...options.extra,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.dataDir) env.ROLEPORT_DATA_DIR = options.dataDir;
  return env;
}

async function healthy(port: number, exited: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (exited()) throw new Error('the server exited before it answered');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs} ms`);
}

export async function startProductionServer(
  image: AssembledImage,
  port: number,
  env: Record<string, string>,
  options: { echo?: boolean; timeoutMs?: number } = {},
): Promise<ProductionServer> {
  const [command, ...args] = image.plan.cmd;
  if (command !== 'node') throw new Error(`the image's CMD must start node (it is ${command})`);
  // Only what the image and its app settings define: nothing of this shell's environment leaks in.
  const child = spawn(process.execPath, args, {
    cwd: image.dir,
    env: Object.assign({} as NodeJS.ProcessEnv, image.plan.env, env, { PORT: String(port), HOSTNAME: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (options.echo) process.stdout.write(`[server ${port}] ${line}\n`);
      }
    });
  }
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal, at: Date.now() });
    }),
  );
  try {
    await healthy(port, () => done, options.timeoutMs ?? 90_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}:\n${lines.slice(-40).join('\n')}`);
  }
  return {
    port,
    child,
    lines,
    exited,
    stop: async (graceMs = 30_000) => {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
