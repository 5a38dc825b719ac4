import path from 'node:path';
import { createDatabase, type DatabaseConfig } from './connection';
import { migrateToLatest, migrationStatus } from './migrate';

export interface RunMigrationsResult {
  /** Where migrations ran, without credentials: a file path or host/database. */
  target: string;
  applied: string[];
  current: string[];
}

/** The database a config points at, safe to print (a PostgreSQL URL loses its user and password). */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'sqlite') return `sqlite ${path.resolve(config.file)}`;
  try {
    const url = new URL(config.url);
    return `postgres ${url.host}${url.pathname}`;
  } catch {
    return 'postgres (unparseable URL)';
  }
}

/** Opens the database, applies pending migrations, closes it, and logs one line saying what happened. */
export async function runMigrations(config: DatabaseConfig, log: (line: string) => void = console.log): Promise<RunMigrationsResult> {
  const target = describeDatabase(config);
  const database = createDatabase(config);
  try {
    const { applied } = await migrateToLatest(database.db);
    const status = await migrationStatus(database.db);
    log(
      applied.length > 0
        ? `Database ${target}: applied ${applied.join(', ')}; ${status.applied.length} migrations in place.`
        : `Database ${target}: up to date (${status.applied.length} migrations).`,
    );
    return { target, applied, current: status.applied };
  } finally {
    await database.close();
  }
}
