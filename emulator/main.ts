import { parseArgs } from 'node:util';
import type { SurfaceName } from './context';
import { CLOUDS, type CloudName } from './directory/clouds';
import type { ThrottleSettings } from './faults/token-bucket';
import { PORTAL_APP } from './seed/demo-tenant';
import { ALL_SURFACES, startEmulator } from './start';

/** `npm run emulator`: flags win over ROLEPORT_EMULATOR_* environment variables. */
function parseThrottle(value: string | undefined): ThrottleSettings | null | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'on') return { burst: 250, refillPerSecond: 25 };
  const m = /^(\d+):(\d+(?:\.\d+)?)$/.exec(value);
  if (!m) throw new Error(`ARM throttle must be burst:refillPerSecond (e.g. 250:25), got '${value}'.`);
  return { burst: Number(m[1]), refillPerSecond: Number(m[2]) };
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${value}'.`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      apis: { type: 'string' },
      operations: { type: 'string' },
      'latency-ms': { type: 'string' },
      'arm-throttle': { type: 'string' },
      cloud: { type: 'string' },
    },
    allowPositionals: false,
    // A bare `--arm-throttle` means "on with ARM's real limits".
    args: process.argv
      .slice(2)
      .map((a, i, all) => (a === '--arm-throttle' && (all[i + 1] ?? '--').startsWith('--') ? '--arm-throttle=on' : a)),
  });
  const env = process.env;
  const basePort = positiveInt('ROLEPORT_EMULATOR_PORT', env.ROLEPORT_EMULATOR_PORT) ?? 8443;
  const ports = Object.fromEntries(ALL_SURFACES.map((s, i) => [s, basePort === 0 ? 0 : basePort + i])) as Record<SurfaceName, number>;
  const latency = positiveInt('--latency-ms', values['latency-ms'] ?? env.ROLEPORT_EMULATOR_LATENCY_MS);
  const armThrottle = parseThrottle(values['arm-throttle'] ?? env.ROLEPORT_EMULATOR_ARM_THROTTLE);
  const apis = positiveInt('--apis', values.apis);
  const operations = positiveInt('--operations', values.operations);
  const cloud = values.cloud;
  if (cloud !== undefined && !(cloud in CLOUDS))
    throw new Error(`--cloud must be one of ${Object.keys(CLOUDS).join(', ')}, got '${cloud}'.`);

  const emulator = await startEmulator({
    ports,
    seed: apis !== undefined || operations !== undefined ? { apis, operations } : undefined,
    latencyMs: latency ? Object.fromEntries(ALL_SURFACES.map((s) => [s, latency])) : undefined,
    armThrottle: armThrottle ?? null,
    cloud: cloud as CloudName | undefined,
    localDir: env.ROLEPORT_LOCAL_DIR,
    writeConnectionFile: true,
    connectionFile: env.ROLEPORT_EMULATOR_FILE,
    eventGrid: env.ROLEPORT_EMULATOR_EVENT_GRID_URL
      ? {
          endpoint: env.ROLEPORT_EMULATOR_EVENT_GRID_URL,
          schema: env.ROLEPORT_EMULATOR_EVENT_GRID_SCHEMA === 'CloudEventSchemaV1_0' ? 'CloudEventSchemaV1_0' : 'EventGridSchema',
          audience: env.ROLEPORT_EMULATOR_EVENT_GRID_AUDIENCE ?? PORTAL_APP.appId,
        }
      : undefined,
    extraRedirectUris: (env.ROLEPORT_EMULATOR_REDIRECT_URIS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  });
  const { urls } = emulator;
  console.log(`Roleport Azure emulator running (tenant ${emulator.connection.tenantId})
  Entra authority  ${urls.authorityHost}/${emulator.connection.tenantId}/v2.0
  Microsoft Graph  ${urls.graphEndpoint}/v1.0
  ARM              ${urls.armEndpoint}
  APIM gateway     ${urls.gatewayUrl}
  Control          ${urls.authorityHost}/_emulator/health
  Event Grid       ${env.ROLEPORT_EMULATOR_EVENT_GRID_URL ?? 'no subscription (ROLEPORT_EMULATOR_EVENT_GRID_URL)'}
  Trust the CA with NODE_EXTRA_CA_CERTS=${emulator.connection.caCertPath}
  Connection file  ${env.ROLEPORT_EMULATOR_FILE ?? '.local/emulator.json'}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping the emulator...`);
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
