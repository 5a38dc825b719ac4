import 'server-only';
import type { Kysely } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';

const STALE_AFTER_MS = 15 * 60 * 1000;

/**
 * Takes the sync lease for a scope: one row per scope, claimed by a conditional update, so only one replica
 * syncs a scope at a time on either engine. A lease older than 15 minutes belongs to a crashed run.
 */
export async function acquireSyncLease(db: Kysely<Database>, scope: string): Promise<boolean> {
  const now = nowIso();
  const staleBefore = new Date(Date.now() - STALE_AFTER_MS).toISOString();
  await db
    .insertInto('catalog_sync')
    .values({ scope, started_at: now, finished_at: now, status: 'idle', error: null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('scope').doNothing())
    .execute();
  const claimed = await db
    .updateTable('catalog_sync')
    .set({ status: 'running', started_at: now, finished_at: null, error: null, calls: 0, updated_at: now })
    .where('scope', '=', scope)
    .where((eb) => eb.or([eb('status', '!=', 'running'), eb('started_at', '<', staleBefore)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

export async function releaseSyncLease(
  db: Kysely<Database>,
  scope: string,
  outcome: { error: string | null; calls: number },
): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('catalog_sync')
    .set({ status: outcome.error ? 'failed' : 'succeeded', error: outcome.error, calls: outcome.calls, finished_at: now, updated_at: now })
    .where('scope', '=', scope)
    .execute();
}
