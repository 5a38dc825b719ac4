import 'server-only';
import type { Kysely } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';

/** A running sync renews its lease at least this often; a lease not renewed for its stale bound belongs to a crashed replica. */
export const HEARTBEAT_MS = 20_000;
const STALE_AFTER_MS = 2 * 60 * 1000;

/** How often a holder renews: a third of the stale bound (at most HEARTBEAT_MS), so two renewals may fail before it goes stale. */
export function heartbeatEvery(staleAfterMs: number): number {
  return Math.min(HEARTBEAT_MS, Math.floor(staleAfterMs / 3));
}

/** A held lease: its start time is the fencing token, so a holder that lost its lease cannot renew or end another's. */
export interface SyncLease {
  scope: string;
  token: string;
}

/**
 * Takes the sync lease for a scope: one row per scope, claimed by a conditional update, so only one replica syncs a
 * scope at a time on either engine. The holder renews it (heartbeatSyncLease) while it works, so a sync may run for
 * as long as it needs (a 5,000-API sync takes most of an hour at ARM's throttle), while a replica killed mid-sync
 * hands the scope over once its lease has gone `staleAfterMs` without renewal.
 */
export async function acquireSyncLease(
  db: Kysely<Database>,
  scope: string,
  { staleAfterMs = STALE_AFTER_MS }: { staleAfterMs?: number } = {},
): Promise<SyncLease | null> {
  const now = nowIso();
  const staleBefore = new Date(Date.now() - staleAfterMs).toISOString();
  await db
    .insertInto('catalog_sync')
    .values({ scope, started_at: now, finished_at: now, status: 'idle', error: null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('scope').doNothing())
    .execute();
  const claimed = await db
    .updateTable('catalog_sync')
    .set({ status: 'running', started_at: now, finished_at: null, error: null, calls: 0, updated_at: now })
    .where('scope', '=', scope)
    .where((eb) => eb.or([eb('status', '!=', 'running'), eb('updated_at', '<', staleBefore)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1 ? { scope, token: now } : null;
}

/** Renews a held lease; false when another replica has taken the scope over (this holder was presumed dead). */
export async function heartbeatSyncLease(db: Kysely<Database>, lease: SyncLease): Promise<boolean> {
  const renewed = await db
    .updateTable('catalog_sync')
    .set({ updated_at: nowIso() })
    .where('scope', '=', lease.scope)
    .where('started_at', '=', lease.token)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(renewed.numUpdatedRows) === 1;
}

/** Ends a held lease with its outcome; a lease taken over meanwhile is left to its new holder. */
export async function releaseSyncLease(
  db: Kysely<Database>,
  lease: SyncLease,
  outcome: { error: string | null; calls: number },
): Promise<boolean> {
  const now = nowIso();
  const released = await db
    .updateTable('catalog_sync')
    .set({ status: outcome.error ? 'failed' : 'succeeded', error: outcome.error, calls: outcome.calls, finished_at: now, updated_at: now })
    .where('scope', '=', lease.scope)
    .where('started_at', '=', lease.token)
    .executeTakeFirst();
  return Number(released.numUpdatedRows) === 1;
}
