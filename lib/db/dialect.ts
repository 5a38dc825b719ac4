import 'server-only';
import { PostgresAdapter, type QueryExecutor } from 'kysely';
import type { DatabaseKind } from './connection';

/** Which engine a Kysely instance (or transaction) talks to, for the few queries that must differ (row locks). */
export function dialectOf(db: { getExecutor(): QueryExecutor }): DatabaseKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
