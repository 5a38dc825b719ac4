// `npm run db:migrate`: brings the configured database to the latest schema (PostgreSQL when DATABASE_URL is set, else the local SQLite file).
import { databaseConfigFromUrl, DEFAULT_SQLITE_FILE } from '../lib/db/connection';
import { describeDatabase, runMigrations } from '../lib/db/run-migrations';

async function main(): Promise<void> {
  const config = databaseConfigFromUrl(process.env.DATABASE_URL || undefined, DEFAULT_SQLITE_FILE);
  try {
    await runMigrations(config);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Database ${describeDatabase(config)}: ${reason}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
