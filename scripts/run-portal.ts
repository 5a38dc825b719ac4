// Starts Roleport: in local mode the emulator first (in this process), then Next.js with the configuration it needs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import nextEnv from '@next/env';
import { ConfigError, emulatorFilePath, isAzureMode, loadConfig, localDir } from '../lib/env';
import { runMigrations } from '../lib/db/run-migrations';
import { PORTAL_NODE_FLAGS } from './support/portal-node-flags';

const command = process.argv[2] === 'start' ? 'start' : 'dev';
const port = Number(process.env.PORT ?? 3000);

async function startLocalEmulator() {
  const { startEmulator } = await import('../emulator/start');
  const base = Number(process.env.ROLEPORT_EMULATOR_PORT ?? 8443);
  const publicUrl = (process.env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const emulator = await startEmulator({
    localDir: localDir(),
    ports: { entra: base, graph: base + 1, arm: base + 2, gateway: base + 3 },
    writeConnectionFile: true,
    connectionFile: emulatorFilePath(),
    extraRedirectUris: [`${publicUrl}/api/auth/callback/azure-ad`],
    // APIM's events reach the local portal the way Event Grid delivers them in Azure.
    eventGrid: {
      endpoint: `${publicUrl}/api/events/apim`,
      schema: process.env.ROLEPORT_EMULATOR_EVENT_GRID_SCHEMA === 'CloudEventSchemaV1_0' ? 'CloudEventSchemaV1_0' : 'EventGridSchema',
      audience: (await import('../emulator/seed/demo-tenant')).PORTAL_APP.appId,
    },
  });
  console.log(
    `Emulator: Entra ${emulator.urls.authorityHost}, Graph ${emulator.urls.graphEndpoint}, ARM ${emulator.urls.armEndpoint}, gateway ${emulator.urls.gatewayUrl}`,
  );
  return emulator;
}

async function main() {
  nextEnv.loadEnvConfig(process.cwd(), command === 'dev');
  const local = !isAzureMode(process.env);
  const emulator = local ? await startLocalEmulator() : undefined;
  const config = loadConfig(process.env);
  await runMigrations(config.database);
  if (command === 'start' && !existsSync(path.resolve(process.env.ROLEPORT_NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
    throw new ConfigError('No production build found: run `npm run build` before `npm start`.');
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NEXTAUTH_URL: config.publicUrl,
    NEXTAUTH_SECRET: config.authSecret,
    NEXT_TELEMETRY_DISABLED: '1',
    // The portal's own SIGTERM handling drains and releases its jobs (lib/server/graceful-shutdown.ts).
    NEXT_MANUAL_SIG_HANDLE: 'true',
  };
  if (local) env.NODE_EXTRA_CA_CERTS = path.join(localDir(), 'ca.pem');
  // The production server's heap limit; the dev server compiles routes on demand and keeps Node's default.
  const flags = command === 'start' ? PORTAL_NODE_FLAGS : [];
  const next = spawn(process.execPath, [...flags, path.resolve('node_modules/next/dist/bin/next'), command, '--port', String(port)], {
    env,
    stdio: 'inherit',
  });
  console.log(`Roleport (${config.mode} mode) is starting at ${config.publicUrl}`);
  const stop = (signal: NodeJS.Signals) => next.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  next.on('exit', async (code) => {
    await emulator?.stop();
    process.exit(code ?? 0);
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Roleport could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
