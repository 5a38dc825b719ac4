import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** How many distinct SQL texts keep their prepared statement: the portal's queries are a few hundred shapes. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite handle Kysely is given, with each SQL text prepared once. Kysely's SQLite driver prepares every query
 * anew, and compiling the statement was a measurable share of a page view's CPU. Parameters are bound at each run,
 * so one statement serves every call; SQLite recompiles a cached statement itself after a schema change. Reuse is
 * safe because Kysely runs one query at a time on the connection (and better-sqlite3 refuses a second meanwhile).
 */
export function withStatementCache(handle: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close() {
      statements.clear();
      handle.close();
    },
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached) {
        // Least recently used goes first: a hit moves to the end.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = handle.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}
