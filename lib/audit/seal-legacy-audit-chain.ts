import 'server-only';
import type { Kysely } from 'kysely';
import { dialectOf } from '@/lib/db/dialect';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { appendAuditEvent } from './append-audit-event';
import { auditEventFromRow } from './audit-event';
import { computeLegacyAuditHash } from './audit-hash';

/**
 * When the newest event still carries a plain SHA-256 hash (written before the chain was keyed), appends an
 * `audit.chain.keyed` event: its HMAC covers that hash, which seals the legacy events before it. Run at start,
 * so a database upgraded from unkeyed hashing is sealed before anyone could rewrite it. Returns whether it sealed.
 */
export async function sealLegacyAuditChain(db: Kysely<Database>): Promise<boolean> {
  return withTransaction(db, async (trx) => {
    let headQuery = trx.selectFrom('audit_head').select('last_seq').where('id', '=', 1);
    if (dialectOf(trx) === 'postgres') headQuery = headQuery.forUpdate();
    const head = await headQuery.executeTakeFirst();
    const last = head ? await trx.selectFrom('audit_event').selectAll().where('seq', '=', head.last_seq).executeTakeFirst() : undefined;
    if (!last) return false;
    let legacy = false;
    try {
      legacy = computeLegacyAuditHash(last.prev_hash, auditEventFromRow(last)) === last.hash;
    } catch {
      // An unreadable row is the verifier's to report; sealing it would vouch for it.
    }
    if (!legacy) return false;
    await appendAuditEvent(trx, {
      actor: { oid: null, name: 'system' },
      action: 'audit.chain.keyed',
      subject: { type: 'audit_log', id: 'chain' },
      data: { legacyThrough: Number(last.seq) },
    });
    return true;
  });
}
