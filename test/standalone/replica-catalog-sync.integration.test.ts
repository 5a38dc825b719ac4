// Rule: with two replicas sharing only PostgreSQL, a catalog sync that keeps renewing its lease keeps it however long it runs, a sync whose replica is killed (kill -9) is taken over by the other replica only once its lease has gone CATALOG_SYNC_LEASE_STALE_SECONDS without renewal, and is then completed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDALONE_PORTS } from '../../scripts/standalone/standalone-ports';
import type { ProductionServer } from '../../scripts/standalone/production-server';
import { catalogSynced, eventually, startProductionWorld, type ProductionWorld } from '../harness/production-world';
import { adminRefresher, catalogSyncRow, crashMidCatalogSync, skippedLines } from '../harness/replica-catalog-sync';

const postgres = Boolean(process.env.TEST_DATABASE_URL);
/** Short, so the takeover is quick; the holder renews every third of it (2 s). */
const STALE_SECONDS = 6;
const ms = (iso: string) => Date.parse(iso);

describe.skipIf(!postgres)('the catalog sync on two replicas', () => {
  let world: ProductionWorld;
  let servers: [ProductionServer, ProductionServer];
  let refresh: Awaited<ReturnType<typeof adminRefresher>>;

  beforeAll(async () => {
    const ports = [STANDALONE_PORTS.extra(15), STANDALONE_PORTS.extra(16)];
    const extraRedirectUris = ports.map((port) => `https://localhost:${port}/api/auth/callback/azure-ad`);
    // 40 more APIs than the demo tenant's, so a slow full sync makes a few hundred ARM calls.
    world = await startProductionWorld({ engine: 'postgres', emulator: { extraRedirectUris, seed: { apis: 40, operations: 3 } } });
    const extra = { CATALOG_SYNC_LEASE_STALE_SECONDS: String(STALE_SECONDS) };
    servers = (await Promise.all(ports.map((port) => world.startServer(port, extra)))) as [ProductionServer, ProductionServer];
    await catalogSynced(await world.db());
    // Both start-up syncs are decided (one ran, the other was skipped) before the tests start their own.
    await eventually('both start-up syncs to be decided', async () =>
      servers.every((s) => s.lines.some((line) => /\[catalog\] sync (succeeded|of all skipped)/.test(line))),
    );
    refresh = await adminRefresher(world, servers[0]);
  });
  afterAll(async () => world?.close());

  it('keeps the lease with a replica whose sync outlasts the stale bound, and skips the other replica meanwhile', async () => {
    const [first, second] = servers;
    const db = await world.db();
    // Slow enough that the sync runs well past twice the stale bound.
    world.emulator.faults.apply({ latencyMs: { arm: 2000 } });
    const before = (await catalogSyncRow(db))?.started_at;
    expect((await refresh(first)).ok).toBe(true);
    const started = await eventually('replica 1 to hold the lease', async () => {
      const row = await catalogSyncRow(db);
      return row?.status === 'running' && row.started_at !== before ? row : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, ms(started.started_at) + 2 * STALE_SECONDS * 1000 - Date.now()));
    const skipped = skippedLines(second);
    expect((await refresh(second)).ok).toBe(true);
    await expect.poll(() => skippedLines(second), { timeout: 30_000 }).toBe(skipped + 1);
    const during = await catalogSyncRow(db);
    // Still replica 1's lease, renewed within the bound although it started twice the bound ago.
    expect(during).toMatchObject({ status: 'running', started_at: started.started_at });
    expect(ms(during!.updated_at)).toBeGreaterThan(ms(started.started_at) + STALE_SECONDS * 1000);
    world.emulator.faults.clear();
    const done = await eventually('replica 1 to finish its sync', async () => {
      const row = await catalogSyncRow(db);
      return row?.status !== 'running' ? row : undefined;
    });
    // No other sync started meanwhile: the row records the outcome of the lease replica 1 took.
    expect(done).toMatchObject({ status: 'succeeded', started_at: started.started_at, error: null });
  });

  it('hands the sync of a replica killed mid-sync to the other once its lease is stale, which completes the index', async () => {
    const [victim, survivor] = servers;
    const round = await crashMidCatalogSync(world, victim, survivor, refresh);
    console.log(
      `kill -9 mid-sync: taken over and finished ${round.takeoverSeconds.toFixed(1)} s after the kill (stale bound ${STALE_SECONDS} s), ${round.skippedAttempts} earlier attempts skipped`,
    );
    expect(round.takenOver).toMatchObject({ status: 'succeeded', error: null });
    expect(round.takenOver.token).not.toBe(round.killed.token);
    // Not two syncs at once: the survivor's lease began only after the victim's had gone the stale bound unrenewed.
    expect(ms(round.takenOver.token) - ms(round.killed.lastRenewedAt)).toBeGreaterThanOrEqual(STALE_SECONDS * 1000);
    expect(round).toMatchObject({ missing: 0, stale: 0, extra: 0 });
    expect((await victim.exited).signal).toBe('SIGKILL');
  });
});
