// Tampering as someone with write access to the database but not the audit key would do it.
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import { auditEventFromRow } from '@/lib/audit/audit-event';
import { AUDIT_GENESIS_HASH, computeLegacyAuditHash } from '@/lib/audit/audit-hash';

/** What someone with write access to the database but not the key can do: edit rows, then re-hash with plain SHA-256 from `fromSeq` through `toSeq` (default: the end), relinking the next event. */
export async function rehashWithoutKey(db: Kysely<Database>, fromSeq: number, toSeq = Infinity): Promise<void> {
  const rows = await db.selectFrom('audit_event').selectAll().orderBy('seq').execute();
  let prev = fromSeq === 1 ? AUDIT_GENESIS_HASH : (rows[fromSeq - 2]?.hash ?? '');
  for (const row of rows.filter((r) => Number(r.seq) >= fromSeq && Number(r.seq) <= toSeq)) {
    const hash = computeLegacyAuditHash(prev, auditEventFromRow({ ...row, prev_hash: prev }));
    await db.updateTable('audit_event').set({ prev_hash: prev, hash }).where('seq', '=', row.seq).execute();
    prev = hash;
  }
  const next = rows.find((r) => Number(r.seq) === toSeq + 1);
  if (next) await db.updateTable('audit_event').set({ prev_hash: prev }).where('seq', '=', next.seq).execute();
  else await db.updateTable('audit_head').set({ last_hash: prev }).execute();
}
