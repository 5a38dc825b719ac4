import 'server-only';
import type { Kysely } from 'kysely';
import { databaseAccessToken } from '@/lib/azure/identity/database-token';
import { getConfig } from '@/lib/env';
import { createDatabase, type RoleportDb } from './connection';
import { migrateToLatest } from './migrate';
import type { Database } from './types';
import { processSingleton } from '@/lib/server/state/process-singleton';

// One database handle per server process, so a dev-server reload does not open another.
const handle = processSingleton('database', () => ({ current: undefined as Promise<RoleportDb> | undefined }));

async function open(): Promise<RoleportDb> {
  const config = getConfig().database;
  const entra = config.kind === 'postgres' && config.auth === 'entra';
  const database = createDatabase(config, entra ? { password: databaseAccessToken } : {});
  await migrateToLatest(database.db);
  return database;
}

export function portalDatabase(): Promise<RoleportDb> {
  handle.current ??= open().catch((error: unknown) => {
    handle.current = undefined;
    throw error;
  });
  return handle.current;
}

/** The portal's Kysely instance, migrated on first use. */
export async function db(): Promise<Kysely<Database>> {
  return (await portalDatabase()).db;
}
