import 'server-only';
import type { Kysely } from 'kysely';
import { databaseAccessToken } from '@/lib/azure/identity/database-token';
import { getConfig } from '@/lib/env';
import { createDatabase, type RoleportDb } from './connection';
import { migrateToLatest } from './migrate';
import type { Database } from './types';

// One database handle per server process; kept on globalThis so a dev-server reload does not open another.
const holder = globalThis as typeof globalThis & { roleportDb?: Promise<RoleportDb> };

async function open(): Promise<RoleportDb> {
  const config = getConfig().database;
  const entra = config.kind === 'postgres' && config.auth === 'entra';
  const database = createDatabase(config, entra ? { password: databaseAccessToken } : {});
  await migrateToLatest(database.db);
  return database;
}

export function portalDatabase(): Promise<RoleportDb> {
  holder.roleportDb ??= open().catch((error: unknown) => {
    holder.roleportDb = undefined;
    throw error;
  });
  return holder.roleportDb;
}

/** The portal's Kysely instance, migrated on first use. */
export async function db(): Promise<Kysely<Database>> {
  return (await portalDatabase()).db;
}
