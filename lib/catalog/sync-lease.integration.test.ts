// Rule: on both engines one replica holds a scope's sync lease at a time; a holder that keeps renewing keeps it however
// long its sync runs, and a holder that stops (killed mid-sync) hands the scope over after the stale bound, after
// which it can neither renew the lease nor record its outcome over the new holder's.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { acquireSyncLease, heartbeatEvery, heartbeatSyncLease, releaseSyncLease } from './sync-lease';

const STALE_MS = 1_000;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('is renewed every third of the stale bound, at most every 20 seconds', () => {
  expect(heartbeatEvery(6_000)).toBe(2_000);
  expect(heartbeatEvery(120_000)).toBe(20_000);
});

describeEngines('the catalog sync lease', (engine) => {
  it('is held by one replica at a time, and free again once released', async () => {
    const { db } = await engine.openMigrated();
    const first = await acquireSyncLease(db, 'all');
    expect(first).not.toBeNull();
    expect(await acquireSyncLease(db, 'all')).toBeNull();
    expect(await acquireSyncLease(db, 'api:orders')).not.toBeNull();
    expect(await releaseSyncLease(db, first!, { error: null, calls: 3 })).toBe(true);
    expect(await acquireSyncLease(db, 'all')).not.toBeNull();
  });

  it('stays with a holder that renews it for longer than the stale bound', async () => {
    const { db } = await engine.openMigrated();
    const holder = await acquireSyncLease(db, 'all', { staleAfterMs: STALE_MS });
    for (let beat = 0; beat < 4; beat += 1) {
      await wait(STALE_MS / 2.5);
      expect(await heartbeatSyncLease(db, holder!)).toBe(true);
    }
    expect(await acquireSyncLease(db, 'all', { staleAfterMs: STALE_MS })).toBeNull();
  });

  it('passes from a holder that stopped renewing to another, and the old holder cannot touch it after', async () => {
    const { db } = await engine.openMigrated();
    const killed = await acquireSyncLease(db, 'all', { staleAfterMs: STALE_MS });
    expect(await acquireSyncLease(db, 'all', { staleAfterMs: STALE_MS })).toBeNull();
    await wait(STALE_MS + 200);
    const next = await acquireSyncLease(db, 'all', { staleAfterMs: STALE_MS });
    expect(next).not.toBeNull();
    expect(await heartbeatSyncLease(db, killed!)).toBe(false);
    expect(await releaseSyncLease(db, killed!, { error: 'late', calls: 1 })).toBe(false);
    const row = await db.selectFrom('catalog_sync').selectAll().where('scope', '=', 'all').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'running', error: null, started_at: next!.token });
    expect(await releaseSyncLease(db, next!, { error: null, calls: 2 })).toBe(true);
    const done = await db.selectFrom('catalog_sync').selectAll().where('scope', '=', 'all').executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'succeeded', calls: 2 });
  });
});
