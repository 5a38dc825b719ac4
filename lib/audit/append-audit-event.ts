import 'server-only';
import type { Transaction } from 'kysely';
import { dialectOf } from '@/lib/db/dialect';
import type { Database } from '@/lib/db/types';
import type { AuditEvent, AuditEventInput } from './audit-event';
import { chainAuditEvent } from './chain-audit-event';

/**
 * Appends one event to the hash chain inside the caller's transaction, so the state change and its audit
 * event commit (or roll back) together.
 *
 * The audit_head row serialises appenders: on PostgreSQL it is locked with SELECT … FOR UPDATE until the
 * caller's transaction ends; on SQLite the transaction already holds the write lock (`begin immediate`).
 * Call it as the last write of the transaction: the head lock is held until commit, and taking it last keeps
 * the lock order (domain rows, then audit_head) the same everywhere, so transactions cannot deadlock on it.
 */
export async function appendAuditEvent(trx: Transaction<Database>, event: AuditEventInput): Promise<AuditEvent> {
  if (!trx.isTransaction) throw new Error('appendAuditEvent must run inside a transaction');

  let headQuery = trx.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1);
  if (dialectOf(trx) === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirst();
  if (!head) throw new Error('audit_head is missing: the database has not been migrated');

  const { event: appended, row } = chainAuditEvent({ seq: Number(head.last_seq), hash: head.last_hash }, event);
  await trx.insertInto('audit_event').values(row).execute();
  await trx
    .updateTable('audit_head')
    .set({ last_seq: appended.seq, last_hash: appended.hash, updated_at: row.updated_at })
    .where('id', '=', 1)
    .execute();
  return appended;
}
