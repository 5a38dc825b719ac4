import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type DialectAdapter,
  type SqliteDialectConfig,
} from 'kysely';

// Kysely's stock SQLite dialect opens transactions with a deferred `begin`. In WAL mode a deferred
// transaction that reads and then writes fails with SQLITE_BUSY when another connection (another
// process, e.g. `npm run db:migrate` next to the server) wrote meanwhile, and busy_timeout cannot help.
// `begin immediate` takes the write lock up front, so writers queue on busy_timeout instead.
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

// SQLite DDL is transactional. Declaring it lets Kysely's Migrator run all pending migrations in one
// (immediate) transaction, which is what serialises two migrators on the same file — the stock
// adapter's migration lock is a no-op because it assumes a single connection.
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class RoleportSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Opens (and creates, with its folder) the database file with the pragmas every connection needs. */
export function openSqliteFile(file: string): BetterSqlite3.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const handle = new BetterSqlite3(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('foreign_keys = ON');
  handle.pragma('synchronous = NORMAL');
  return handle;
}
