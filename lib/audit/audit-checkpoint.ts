import 'server-only';
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';
import { sameHex } from './audit-chain-checker';

/** The chain was verified through event `seq`, whose hash is `hash`. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
}

// The checkpoint is keyed like the chain: without the key a database writer cannot move it past an edit.
const macOf = (checkpoint: AuditCheckpoint, key: string) =>
  createHmac('sha256', key).update(`roleport-audit-checkpoint:${checkpoint.seq}:${checkpoint.hash}`).digest('hex');

/** The stored checkpoint, or null when there is none or its MAC does not verify (then verification starts from event 1). */
export async function readAuditCheckpoint(db: Kysely<Database>, key: string): Promise<AuditCheckpoint | null> {
  const row = await db
    .selectFrom('audit_checkpoint')
    .select(['verified_seq', 'verified_hash', 'mac'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!row) return null;
  const checkpoint = { seq: Number(row.verified_seq), hash: row.verified_hash };
  return sameHex(macOf(checkpoint, key), row.mac) ? checkpoint : null;
}

export async function saveAuditCheckpoint(db: Kysely<Database>, checkpoint: AuditCheckpoint, key: string): Promise<void> {
  const now = nowIso();
  const values = { verified_seq: checkpoint.seq, verified_hash: checkpoint.hash, mac: macOf(checkpoint, key), updated_at: now };
  await db
    .insertInto('audit_checkpoint')
    .values({ id: 1, ...values, created_at: now })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute();
}

/** Forgets the checkpoint after a break, so every page view verifies from event 1 and shows the break. */
export async function clearAuditCheckpoint(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('audit_checkpoint').execute();
}
