// The bench's database: emptied and migrated before each run, on SQLite (a file in the bench's data folder) or on the
// PostgreSQL database given with --database-url; and its size on disk afterwards.
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createDatabase, type DatabaseConfig } from '../../lib/db/connection';
import { describeDatabase, runMigrations } from '../../lib/db/run-migrations';
import type { Database } from '../../lib/db/types';
import type { BenchOptions } from './bench-options';

export function benchDatabaseConfig(options: BenchOptions, dataDir: string): DatabaseConfig {
  return options.engine === 'postgres' && options.databaseUrl
    ? { kind: 'postgres', url: options.databaseUrl }
    : { kind: 'sqlite', file: path.resolve(dataDir, 'roleport.db') };
}

/** A fresh, migrated database: the SQLite folder removed, or PostgreSQL's public schema dropped and made again. */
export async function resetBenchDatabase(config: DatabaseConfig, dataDir: string): Promise<void> {
  rmSync(path.resolve(dataDir), { recursive: true, force: true });
  if (config.kind === 'postgres') {
    const database = createDatabase(config);
    try {
      console.log(`Emptying ${describeDatabase(config)} (drop schema public cascade) ...`);
      await sql`drop schema if exists public cascade`.execute(database.db);
      await sql`create schema public`.execute(database.db);
    } finally {
      await database.close();
    }
  }
  await runMigrations(config);
}

/** Bytes on disk: the SQLite file with its write-ahead log, or pg_database_size. */
export async function benchDatabaseBytes(config: DatabaseConfig, db: Kysely<Database>): Promise<number> {
  if (config.kind === 'sqlite') {
    const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
    return size(config.file) + size(`${config.file}-wal`);
  }
  const { rows } = await sql<{ bytes: string }>`select pg_database_size(current_database()) as bytes`.execute(db);
  return Number(rows[0]?.bytes ?? Number.NaN);
}

/** Rows per table that the scale phase fills, to print beside the size. */
export async function benchRowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = ['audit_event', 'access_request', 'catalog_api', 'catalog_operation'] as const;
  const counts = await Promise.all(
    tables.map((table) =>
      db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
        .then((row) => Number(row?.n ?? 0)),
    ),
  );
  return Object.fromEntries(tables.map((table, i) => [table, counts[i] ?? 0]));
}
