// Rule: two production servers sharing only PostgreSQL grant every approval exactly once, finish a killed replica's jobs exactly once, and run one catalog sync at a time.
import { STANDALONE_PORTS } from '../../scripts/standalone/standalone-ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductionServer } from '../../scripts/standalone/production-server';
import { startProductionWorld, type ProductionWorld } from '../harness/production-world';
import { concurrentApprovals, crashMidProvisioning, syncRunsIn } from '../harness/replica-scenarios';

const postgres = Boolean(process.env.TEST_DATABASE_URL);
if (!postgres) console.log('Two-replica proof not run: TEST_DATABASE_URL is not set (replicas share a PostgreSQL database).');

describe.skipIf(!postgres)('two replicas on one PostgreSQL database', () => {
  let world: ProductionWorld;
  let servers: ProductionServer[];

  beforeAll(async () => {
    world = await startProductionWorld({ engine: 'postgres' });
    // Started together, so both start-up syncs race for the lease.
    servers = await Promise.all([world.startServer(STANDALONE_PORTS.extra(10)), world.startServer(STANDALONE_PORTS.extra(11))]);
  });
  afterAll(async () => world?.close());

  it('lets one replica run the start-up catalog sync while the other skips it', async () => {
    const { catalogSynced } = await import('../harness/production-world');
    await catalogSynced(await world.db());
    // The status row is written before the replica's log line reaches this process: wait for the line, then count.
    await expect.poll(() => syncRunsIn(servers), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(syncRunsIn(servers)).toBe(1);
  });

  it('grants 120 concurrent approvals exactly once each, with both replicas provisioning', async () => {
    const round = await concurrentApprovals(world, servers, 120);
    expect(round).toMatchObject({ approvals: 120, active: 120, duplicates: 0, missing: 0 });
    expect(Object.keys(round.claimsByReplica).sort()).toEqual(['replica 1', 'replica 2']);
  });

  it('finishes every job of a replica killed mid-provisioning exactly once', async () => {
    const [victim, survivor] = servers as [ProductionServer, ProductionServer];
    const round = await crashMidProvisioning(world, [survivor], victim, 30);
    expect(round.heldByKilled).toBeGreaterThan(0);
    expect(round).toMatchObject({ approvals: 30, active: 30, duplicates: 0, missing: 0 });
  });
});
