// No `server-only` marker in the modules the CLI scripts load (connection, dialect, migrations): they run
// under plain Node, where the marker throws. The native drivers keep them out of client bundles anyway.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { querySpanLogger } from '../observability/query-span';
import { openSqliteFile, RoleportSqliteDialect } from './sqlite-dialect';
import { withStatementCache } from './sqlite-statement-cache';
import type { Database } from './types';

export type DatabaseKind = 'sqlite' | 'postgres';
export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  /** `auth: 'entra'`: the password is an Entra access token of Roleport's app credential (Azure Database for PostgreSQL). */
  | { kind: 'postgres'; url: string; auth?: 'entra' };

export interface RoleportDb {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

/** Where the local-mode database lives unless configured otherwise (relative to the working directory). */
export const DEFAULT_SQLITE_FILE = '.data/roleport.db';

/** A `DATABASE_URL`-style value: postgres:// or postgresql:// selects PostgreSQL; absent selects the default file. */
export function databaseConfigFromUrl(url: string | undefined, sqliteFile = DEFAULT_SQLITE_FILE): DatabaseConfig {
  if (!url) return { kind: 'sqlite', file: sqliteFile };
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
}

export interface DatabaseOptions {
  /**
   * The password, asked for each new connection (pg calls it when the server requests one): Entra authentication
   * passes an access token here, which the credential renews before it expires.
   */
  password?: () => Promise<string>;
}

/** pg lets a connection string's (empty) password override a `password` option, so the function is set on each client. */
function clientWithPassword(password: () => Promise<string>): typeof pg.Client {
  return class extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      // pg's typings know the instance field only as a string; its auth path calls it when it is a function.
      (this as unknown as { password: () => Promise<string> }).password = password;
    }
  };
}

export function createDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): RoleportDb {
  if (config.kind === 'sqlite') {
    const handle = openSqliteFile(config.file);
    const db = new Kysely<Database>({
      dialect: new RoleportSqliteDialect({ database: withStatementCache(handle) }),
      log: querySpanLogger('sqlite'),
    });
    return { db, kind: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: config.url, ...(options.password ? { Client: clientWithPassword(options.password) } : {}) });
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would crash the process.
  // The pool replaces the client, and the next query reports any lasting outage to its caller.
  pool.on('error', (error) => console.error('database pool: idle client error', error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: querySpanLogger('postgresql') });
  return { db, kind: 'postgres', close: () => db.destroy() };
}
