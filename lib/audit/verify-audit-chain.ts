import 'server-only';
import type { Kysely } from 'kysely';
import type { AuditEventRow, Database } from '@/lib/db/types';
import { auditEventFromRow } from './audit-event';
import { AUDIT_GENESIS_HASH, computeAuditHash } from './audit-hash';
import { canonicalJson } from './canonical-json';

export type AuditChainReport =
  | { ok: true; checked: number; lastSeq: number }
  | {
      ok: false;
      checked: number;
      /** The first seq whose row (or absence) does not fit the chain. */
      brokenSeq: number;
      reason: 'missing-seq' | 'prev-hash-mismatch' | 'hash-mismatch' | 'head-mismatch';
      message: string;
    };

// Stored JSON must be byte-for-byte the canonical form, so even an edit that parses to the same value shows.
function storedTextIsCanonical(row: AuditEventRow): boolean {
  const fields = [row.before, row.after, row.data];
  try {
    return fields.every((text) => text === null || canonicalJson(JSON.parse(text)) === text);
  } catch {
    return false;
  }
}

/** Recomputes the whole chain in seq order and reports the first event that does not verify. */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 1000): Promise<AuditChainReport> {
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_event').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(batchSize).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      const broken = (reason: Extract<AuditChainReport, { ok: false }>['reason'], message: string, at = seq) =>
        ({ ok: false, checked, brokenSeq: at, reason, message }) as const;
      if (seq !== expectedSeq) return broken('missing-seq', `event ${expectedSeq} is missing`, expectedSeq);
      if (row.prev_hash !== prevHash) return broken('prev-hash-mismatch', `event ${seq} does not follow event ${seq - 1}`);
      if (!storedTextIsCanonical(row) || computeAuditHash(prevHash, auditEventFromRow(row)) !== row.hash) {
        return broken('hash-mismatch', `event ${seq} was changed after it was written`);
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }

  const head = await db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  const lastSeq = expectedSeq - 1;
  if (!head || Number(head.last_seq) !== lastSeq || head.last_hash !== prevHash) {
    // The head is ahead of the rows when events were deleted from the end of the chain.
    const brokenSeq = head ? Math.min(Number(head.last_seq), lastSeq + 1) : lastSeq + 1;
    return {
      ok: false,
      checked,
      brokenSeq,
      reason: 'head-mismatch',
      message: `the chain ends at event ${lastSeq} but the head records event ${head?.last_seq ?? 'none'}`,
    };
  }
  return { ok: true, checked, lastSeq };
}
