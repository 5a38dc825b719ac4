import 'server-only';
import type { Kysely } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';

/**
 * Hands back every provisioning job this worker still holds, due at once, so another replica claims it at its next
 * poll instead of waiting for the lock to expire. Safe for a job whose Graph call did go through: the next run adopts
 * the existing assignment (or finds it removed) rather than making a second one.
 */
export async function releaseWorkerJobs(db: Kysely<Database>, workerId: string): Promise<number> {
  const now = nowIso();
  const result = await db
    .updateTable('provisioning_job')
    .set({ locked_by: null, locked_until: null, next_run_at: now, updated_at: now })
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
