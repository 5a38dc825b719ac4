// Production servers for tests: the emulator in this process, the image assembled from the Dockerfile, a database the
// servers and this process share (PostgreSQL on TEST_DATABASE_URL, else a SQLite file), and this process's portal
// modules pointed at the same tenant and database so a test can submit and approve requests as the server actions do.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../../emulator/start';
import { ensureCertificates } from '../../emulator/tls/ensure-certificates';
import { ORDERS_APP } from '../../emulator/seed/demo-tenant';
import type { PortalUser } from '../../lib/auth/session';
import { demoUser } from './access-fixture';
import type { Database } from '../../lib/db/types';
import { assembleImage, type AssembledImage } from '../../scripts/standalone/assemble-image';
import {
  deploymentSecrets,
  productionEnvironment,
  startProductionServer,
  type ProductionServer,
} from '../../scripts/standalone/production-server';
import { createScratchDatabase, type ScratchDatabase } from '../../scripts/standalone/scratch-database';

export interface ProductionWorld {
  emulator: RunningEmulator;
  image: AssembledImage;
  engine: 'postgres' | 'sqlite';
  /** The portal's database as this process sees it (the servers use the same one). */
  db(): Promise<Kysely<Database>>;
  startServer(port: number, extra?: Record<string, string>): Promise<ProductionServer>;
  close(): Promise<void>;
}

export const olivia = demoUser('olivia') as PortalUser;

export async function startProductionWorld(
  options: { engine?: 'postgres' | 'sqlite'; emulator?: StartEmulatorOptions; publicUrl?: string } = {},
): Promise<ProductionWorld> {
  const dir = mkdtempSync(path.join(tmpdir(), 'roleport-production-'));
  // This process trusts the CA in .local/ (NODE_EXTRA_CA_CERTS); the emulator serves with those files.
  const trusted = ensureCertificates();
  for (const f of ['ca.pem', 'ca-key.pem', 'localhost.pem', 'localhost-key.pem'])
    copyFileSync(path.join(trusted.caCertPath, '..', f), path.join(dir, f));
  const emulator = await startEmulator({
    localDir: dir,
    ports: { entra: 0, graph: 0, arm: 0, gateway: 0 },
    writeConnectionFile: true,
    ...options.emulator,
  });
  const engine = options.engine ?? 'sqlite';
  let scratch: ScratchDatabase | undefined;
  if (engine === 'postgres') {
    if (!process.env.TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
    scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL, 'roleport_prod');
  }
  const dataDir = path.join(dir, 'data');
  const secrets = deploymentSecrets();
  // This process's portal modules: local mode on the same emulator, the same database and audit key as the servers.
  process.env.ROLEPORT_LOCAL_DIR = dir;
  process.env.ROLEPORT_EMULATOR_FILE = path.join(dir, 'emulator.json');
  process.env.ROLEPORT_DATA_DIR = dataDir;
  process.env.AUDIT_HMAC_KEY = secrets.AUDIT_HMAC_KEY;
  if (scratch) process.env.DATABASE_URL = scratch.url;
  else delete process.env.DATABASE_URL;
  const image = assembleImage(process.cwd(), path.join(dir, 'image'));
  const servers: ProductionServer[] = [];
  return {
    emulator,
    image,
    engine,
    db: async () => (await import('../../lib/db/portal-database')).db(),
    startServer: async (port, extra = {}) => {
      const env = productionEnvironment({
        emulator: emulator.connection,
        publicUrl: options.publicUrl ?? `https://localhost:${port}`,
        databaseUrl: scratch?.url,
        dataDir: scratch ? undefined : dataDir,
        secrets,
        extra: { CATALOG_SYNC_INTERVAL_MINUTES: '60', ...extra },
      });
      const server = await startProductionServer(image, port, env);
      servers.push(server);
      return server;
    },
    close: async () => {
      for (const server of servers) await server.stop(5000).catch(() => undefined);
      const { portalDatabase } = await import('../../lib/db/portal-database');
      await (await portalDatabase()).close().catch(() => undefined);
      await emulator.stop();
      await scratch?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` holds, polling; throws with `what` when it does not within `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  pollMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Waits for the server's start-up catalog sync, so the Orders API and its roles are requestable. */
export async function catalogSynced(db: Kysely<Database>): Promise<void> {
  await eventually('the start-up catalog sync', async () => {
    const row = await db.selectFrom('catalog_sync').select('status').where('scope', '=', 'all').executeTakeFirst();
    return row?.status === 'succeeded';
  });
}

export const ORDERS_READ_ROLE = ORDERS_APP.roles['Orders.Read']!;
export { ORDERS_APP };
