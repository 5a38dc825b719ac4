// Test harness: a real emulator on ephemeral ports, the portal's configuration pointed at it, and a fresh database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '@/emulator/start';
import { createDatabase, type RoleportDb } from '@/lib/db/connection';
import { migrateToLatest } from '@/lib/db/migrate';
import type { Database } from '@/lib/db/types';

export interface PortalTestEnv {
  emulator: RunningEmulator;
  database: RoleportDb;
  db: Kysely<Database>;
  dir: string;
  close(): Promise<void>;
}

/**
 * Starts the emulator and points `lib/env.ts` at it (call before anything reads the configuration).
 * `engine: 'postgres'` uses a throw-away database on TEST_DATABASE_URL's server.
 */
export async function startPortalTestEnv(
  options: { engine?: 'sqlite' | 'postgres'; emulator?: StartEmulatorOptions } = {},
): Promise<PortalTestEnv> {
  const dir = mkdtempSync(path.join(tmpdir(), 'roleport-test-'));
  const connectionFile = path.join(dir, 'emulator.json');
  const emulator = await startEmulator({
    ports: { entra: 0, graph: 0, arm: 0, gateway: 0 },
    writeConnectionFile: true,
    connectionFile,
    ...options.emulator,
  });
  process.env.ROLEPORT_EMULATOR_FILE = connectionFile;
  process.env.ROLEPORT_LOCAL_DIR = dir;
  process.env.ROLEPORT_DATA_DIR = dir;
  let dropDatabase = async () => {};
  let config: Parameters<typeof createDatabase>[0] = { kind: 'sqlite', file: path.join(dir, 'roleport.db') };
  if (options.engine === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('TEST_DATABASE_URL is not set');
    const name = `roleport_t_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    config = { kind: 'postgres', url: url.toString() };
    process.env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const database = createDatabase(config);
  await migrateToLatest(database.db);
  return {
    emulator,
    database,
    db: database.db,
    dir,
    async close() {
      await database.close();
      await emulator.stop();
      await dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
