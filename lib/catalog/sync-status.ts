import 'server-only';
import { db } from '@/lib/db/portal-database';

export interface SyncStatus {
  scope: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  calls: number;
}

/** The last run of every sync scope and the APIs whose last read failed (kept at their previous index). */
export async function loadSyncStatus() {
  const database = await db();
  const [runs, failing, counts] = await Promise.all([
    database.selectFrom('catalog_sync').selectAll().orderBy('started_at', 'desc').limit(50).execute(),
    database
      .selectFrom('catalog_api')
      .select(['id', 'display_name', 'sync_error', 'synced_at'])
      .where('sync_error', 'is not', null)
      .orderBy('display_name')
      .execute(),
    database
      .selectFrom('catalog_api')
      .select((eb) => [eb.fn.countAll<number>().as('apis'), eb.fn.min('synced_at').as('oldest')])
      .executeTakeFirst(),
  ]);
  return {
    runs: runs.map((r): SyncStatus => ({
      scope: r.scope,
      status: r.status,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      error: r.error,
      calls: Number(r.calls),
    })),
    failing: failing.map((f) => ({ id: f.id, displayName: f.display_name, error: f.sync_error ?? '', syncedAt: f.synced_at })),
    apiCount: Number(counts?.apis ?? 0),
    oldestSync: counts?.oldest ?? null,
  };
}
