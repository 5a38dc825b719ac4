// What every bench mode sets up the same way: its size and database from the command line, the environment the portal's
// modules read in this process, and the emulator's options pointed at the bench's portal.
import { PORTAL_APP } from '../../emulator/seed/demo-tenant';
import type { RunningEmulator, StartEmulatorOptions } from '../../emulator/start';
import type { DatabaseConfig } from '../../lib/db/connection';
import { benchDatabaseConfig, resetBenchDatabase } from './bench-database';
import { benchOptions, type BenchOptions } from './bench-options';
import type { BenchPaths } from './portal-process';
import { seedScale } from './seed-scale';

export function benchSetup(argv: string[], paths: BenchPaths) {
  const size = benchOptions(argv);
  const databaseConfig = benchDatabaseConfig(size, paths.dataDir);
  // The portal's modules loaded in this process read the same configuration as the server.
  if (databaseConfig.kind === 'postgres') process.env.DATABASE_URL = databaseConfig.url;
  process.env.ROLEPORT_EMULATOR_FILE = paths.emulatorFile;
  process.env.ROLEPORT_DATA_DIR = paths.dataDir;
  process.env.PORT = String(paths.port);
  return { size, scale: { apis: size.apis, operations: size.operations }, databaseConfig };
}

/** The emulator on four ports from `basePort`, seeded at `scale`, signing the portal in and sending it APIM's events. */
export function benchEmulatorOptions(
  paths: BenchPaths,
  basePort: number,
  scale: { apis: number; operations: number },
  extra: Pick<StartEmulatorOptions, 'latencyMs' | 'armThrottle'> = {},
): StartEmulatorOptions {
  return {
    ports: { entra: basePort, graph: basePort + 1, arm: basePort + 2, gateway: basePort + 3 },
    seed: scale,
    ...extra,
    writeConnectionFile: true,
    connectionFile: paths.emulatorFile,
    extraRedirectUris: [`http://localhost:${paths.port}/api/auth/callback/azure-ad`],
    eventGrid: { endpoint: `http://localhost:${paths.port}/api/events/apim`, schema: 'EventGridSchema', audience: PORTAL_APP.appId },
  };
}

/**
 * Empties the bench's database, opens it as the portal's modules in this process see it, and seeds the data at scale in
 * bulk, before the portal starts (its start-up verifies the whole audit chain, as after any restart).
 */
export async function seedBenchDatabase(emulator: RunningEmulator, databaseConfig: DatabaseConfig, size: BenchOptions, dataDir: string) {
  console.log(
    `Database: ${databaseConfig.kind}; seeding ${size.users} people, ${size.pendingRequests} pending requests, ${size.auditEvents} audit events ...`,
  );
  await resetBenchDatabase(databaseConfig, dataDir);
  const { portalDatabase } = await import('../../lib/db/portal-database');
  const database = await portalDatabase();
  const seeded = await seedScale(emulator, database.db, size);
  return { database, seeded };
}
