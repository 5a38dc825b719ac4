import 'server-only';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './types';

export type DbTransaction = Transaction<Database>;

/**
 * Runs `work` in one transaction: commits when it resolves, rolls back when it throws.
 * On SQLite the transaction takes the write lock when it begins (`begin immediate`), so read-then-write
 * work cannot fail halfway on a lock upgrade; on PostgreSQL it is READ COMMITTED, so guard rows with
 * `forUpdate()` or a `where version = ?` check.
 */
export function withTransaction<T>(db: Kysely<Database>, work: (trx: DbTransaction) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
