// kill -9 of a replica in the middle of a full catalog sync: the proof that the other replica takes the sync lease over
// once it has gone stale (CATALOG_SYNC_LEASE_STALE_SECONDS), and only then, and completes the index. The syncs are
// started as an admin's "Refresh catalog" does, over HTTP on the replica that should run them.
import type { Kysely } from 'kysely';
import { USERS } from '../../emulator/seed/demo-tenant';
import type { Database } from '../../lib/db/types';
import type { ProductionServer } from '../../scripts/standalone/production-server';
import { callServerAction, serverActionId, signInOverHttp } from './portal-over-http';
import { eventually, type ProductionWorld } from './production-world';

export interface CatalogSyncCrashRound {
  /** The killed replica's lease: its start (the fencing token) and its last renewal before the kill. */
  killed: { token: string; lastRenewedAt: string };
  /** The lease the other replica took over, and the row it recorded. */
  takenOver: { token: string; status: string; error: string | null };
  /** Refreshes the other replica asked for while the killed one's lease had not yet gone stale (each skipped). */
  skippedAttempts: number;
  /** APIs in APIM that the index lacks or has under their old name, and index rows APIM has no API for (all 0). */
  missing: number;
  stale: number;
  extra: number;
  /** From kill -9 to the other replica's sync recorded as succeeded. */
  takeoverSeconds: number;
}

export type CatalogSyncRow = Pick<Database['catalog_sync'], 'status' | 'started_at' | 'updated_at' | 'error'>;

export async function catalogSyncRow(db: Kysely<Database>): Promise<CatalogSyncRow | undefined> {
  const row = await db
    .selectFrom('catalog_sync')
    .select(['status', 'started_at', 'updated_at', 'error'])
    .where('scope', '=', 'all')
    .executeTakeFirst();
  return row as CatalogSyncRow | undefined;
}

/** An admin's "Refresh catalog" (the whole catalog, or one API) on one replica; answers the action's `{ ok, error }`. */
export async function adminRefresher(world: ProductionWorld, anyServer: ProductionServer) {
  const cookies = await signInOverHttp(anyServer.port, USERS.priya.oid);
  const action = serverActionId(world.image.dir, 'components/catalog/actions.ts', 'refreshCatalogAction');
  return (server: ProductionServer, apiId: string | null = null) =>
    callServerAction(server.port, '/admin/catalog', action, [apiId], cookies);
}

export const skippedLines = (server: ProductionServer) =>
  server.lines.filter((line) => line.includes('[catalog] sync of all skipped')).length;

/** A full sync started on `victim` while ARM is slow, every API renamed in APIM meanwhile; `victim` is killed mid-sync. */
export async function crashMidCatalogSync(
  world: ProductionWorld,
  victim: ProductionServer,
  survivor: ProductionServer,
  refresh: Awaited<ReturnType<typeof adminRefresher>>,
): Promise<CatalogSyncCrashRound> {
  const db = await world.db();
  // A replica syncs at start: the victim's start-up sync must be over, or the refresh below would be skipped.
  await eventually("the victim's start-up sync to be decided", async () =>
    victim.lines.some((line) => /\[catalog\] sync (succeeded|failed|of all skipped)/.test(line)),
  );
  const apim = world.emulator.apim!;
  const suffix = ` (renamed ${Date.now()})`;
  for (const api of apim.apis.values()) api.displayName += suffix;
  world.emulator.faults.apply({ latencyMs: { arm: 1000 } });
  const before = (await catalogSyncRow(db))?.started_at;
  if (!(await refresh(victim)).ok) throw new Error('the refresh was refused');
  // Mid-sync: the victim's lease is running and it has renewed it at least once.
  const running = await eventually('the victim to renew its running lease', async () => {
    const row = await catalogSyncRow(db);
    return row?.status === 'running' && row.started_at !== before && row.updated_at > row.started_at ? row : undefined;
  });
  victim.child.kill('SIGKILL');
  const killedAt = Date.now();
  await victim.exited;
  world.emulator.faults.clear();
  let lastRenewedAt = running.updated_at;
  let skippedAttempts = 0;
  // The survivor is asked every second, as an impatient admin would; it must wait for the lease to go stale.
  const takenOver = await eventually(
    'the other replica to take the sync over',
    async () => {
      const row = await catalogSyncRow(db);
      if (row?.started_at === running.started_at) {
        if (row.updated_at > lastRenewedAt) lastRenewedAt = row.updated_at;
        const skipped = skippedLines(survivor);
        await refresh(survivor);
        await eventually(
          'the refresh to be decided',
          async () => skippedLines(survivor) > skipped || (await catalogSyncRow(db))?.started_at !== running.started_at,
        );
        if (skippedLines(survivor) > skipped) skippedAttempts++;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return undefined;
      }
      return row && row.status !== 'running' ? row : undefined;
    },
    // Well past the short stale bound the test and bench set; the default (120 s) would not fit, so the setting is proven.
    60_000,
    100,
  );
  const takeoverSeconds = (Date.now() - killedAt) / 1000;
  const indexed = await db.selectFrom('catalog_api').select(['id', 'display_name', 'sync_error']).execute();
  const byId = new Map(indexed.map((row) => [row.id.toLowerCase(), row]));
  const apis = [...apim.apis.values()];
  return {
    killed: { token: running.started_at, lastRenewedAt },
    takenOver: { token: takenOver.started_at, status: takenOver.status, error: takenOver.error },
    skippedAttempts,
    missing: apis.filter((api) => !byId.has(api.id.toLowerCase())).length,
    stale: apis.filter((api) => byId.get(api.id.toLowerCase())?.display_name !== api.displayName).length,
    extra: indexed.filter((row) => !apis.some((api) => api.id.toLowerCase() === row.id.toLowerCase())).length,
    takeoverSeconds,
  };
}
