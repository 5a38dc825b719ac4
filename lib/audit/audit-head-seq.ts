import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';

/**
 * The sequence number of the newest audit event. Every change to a request is audited in the transaction that makes
 * it, so a value read before a query stamps what that query saw: a later change moves it.
 */
export async function auditHeadSeq(db: Kysely<Database>): Promise<number> {
  const head = await db.selectFrom('audit_head').select('last_seq').where('id', '=', 1).executeTakeFirst();
  return Number(head?.last_seq ?? 0);
}
