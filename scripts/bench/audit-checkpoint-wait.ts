// Waits for the portal's audit checkpoint worker to verify the chain up to a given event (its start-up pass reads all of it).
import type { Kysely } from 'kysely';
import type { Database } from '../../lib/db/types';

/** The time (ms since the epoch) the checkpoint reached `seq`; throws after `timeoutMs`. */
export async function waitForAuditCheckpoint(db: Kysely<Database>, seq: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = await db.selectFrom('audit_checkpoint').select('verified_seq').where('id', '=', 1).executeTakeFirst();
    if (seq === 0 || Number(row?.verified_seq ?? 0) >= seq) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the portal's audit checkpoint did not reach event ${seq} within ${timeoutMs / 1000} s`);
}
