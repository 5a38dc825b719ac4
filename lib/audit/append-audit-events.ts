import 'server-only';
import type { Transaction } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import { dialectOf } from '@/lib/db/dialect';
import type { AuditEventTable, Database } from '@/lib/db/types';
import type { AuditEventInput } from './audit-event';
import { chainAuditEvent } from './chain-audit-event';

// 14 columns a row: 1,000 rows stay under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const ROWS_PER_INSERT = 1000;

/**
 * Appends many events to the hash chain in the caller's transaction, in order, as `appendAuditEvent` would one by one:
 * the head is read (and on PostgreSQL locked) once, every event is chained to the one before it with the keyed hash,
 * rows go in as multi-row inserts, and the head moves to the last event. For imports and bulk loads; the chain they
 * leave verifies exactly like one appended event by event. Returns the last seq and hash.
 */
export async function appendAuditEvents(
  trx: Transaction<Database>,
  events: Iterable<AuditEventInput>,
  key?: string,
): Promise<{ seq: number; hash: string; appended: number }> {
  if (!trx.isTransaction) throw new Error('appendAuditEvents must run inside a transaction');
  let headQuery = trx.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1);
  if (dialectOf(trx) === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirst();
  if (!head) throw new Error('audit_head is missing: the database has not been migrated');

  let prev = { seq: Number(head.last_seq), hash: head.last_hash };
  let rows: AuditEventTable[] = [];
  let appended = 0;
  const flush = async () => {
    if (rows.length > 0) await trx.insertInto('audit_event').values(rows).execute();
    rows = [];
  };
  for (const input of events) {
    const { event, row } = chainAuditEvent(prev, input, key);
    rows.push(row);
    prev = { seq: event.seq, hash: event.hash };
    appended++;
    if (rows.length === ROWS_PER_INSERT) await flush();
  }
  await flush();
  if (appended > 0)
    await trx
      .updateTable('audit_head')
      .set({ last_seq: prev.seq, last_hash: prev.hash, updated_at: nowIso() })
      .where('id', '=', 1)
      .execute();
  return { ...prev, appended };
}
