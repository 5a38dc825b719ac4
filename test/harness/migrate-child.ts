// A separate process that migrates a database, for tests of concurrent migrators across processes.
// Usage: node --import tsx migrate-child.ts '<DatabaseConfig JSON>' <start-at epoch ms>
import { createDatabase, type DatabaseConfig } from '@/lib/db/connection';
import { migrateToLatest } from '@/lib/db/migrate';

const config = JSON.parse(process.argv[2] ?? '') as DatabaseConfig;
const startAt = Number(process.argv[3] ?? 0);

const database = createDatabase(config);
// Both processes wait for the same instant so their migrations overlap rather than run one after the other.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
try {
  const { applied } = await migrateToLatest(database.db);
  process.stdout.write(JSON.stringify({ applied }));
} finally {
  await database.close();
}
