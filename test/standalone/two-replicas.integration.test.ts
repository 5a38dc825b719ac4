// Rule: two production servers sharing only PostgreSQL grant every approval exactly once, finish a killed replica's provisioning and revocation jobs exactly once, run one catalog sync at a time, and hold each user to one rate limit.
import { STANDALONE_PORTS } from '../../scripts/standalone/standalone-ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductionServer } from '../../scripts/standalone/production-server';
import { startProductionWorld, type ProductionWorld } from '../harness/production-world';
import { concurrentApprovals, crashMidProvisioning, syncRunsIn } from '../harness/replica-scenarios';
import { crashMidRevocation } from '../harness/replica-revocation';
import { callServerAction, serverActionId, signInOverHttp } from '../harness/portal-over-http';
import { USERS } from '../../emulator/seed/demo-tenant';
import { RATE_LIMITS } from '../../lib/rate-limit/rate-limits';

const postgres = Boolean(process.env.TEST_DATABASE_URL);
if (!postgres) console.log('Two-replica proof not run: TEST_DATABASE_URL is not set (replicas share a PostgreSQL database).');

describe.skipIf(!postgres)('two replicas on one PostgreSQL database', () => {
  let world: ProductionWorld;
  let servers: ProductionServer[];

  beforeAll(async () => {
    const ports = [STANDALONE_PORTS.extra(10), STANDALONE_PORTS.extra(11)];
    // Each replica is its own public URL here, so each callback is a redirect URI of the portal app.
    const extraRedirectUris = ports.map((port) => `https://localhost:${port}/api/auth/callback/azure-ad`);
    world = await startProductionWorld({ engine: 'postgres', emulator: { extraRedirectUris } });
    // Started together, so both start-up syncs race for the lease.
    servers = await Promise.all(ports.map((port) => world.startServer(port)));
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

  it('holds one rate limit per user across both replicas, over HTTP', async () => {
    const [first, second] = servers as [ProductionServer, ProductionServer];
    // One sign-in: the session cookie is valid on both replicas (they share NEXTAUTH_SECRET), as behind a load balancer.
    const cookies = await signInOverHttp(first.port, USERS.ada.oid);
    const action = serverActionId(world.image.dir, 'app/(portal)/tokens/actions.ts', 'diagnoseTokenAction');
    const { limit, windowSeconds } = RATE_LIMITS['token-doctor'];
    // The limit counts fixed windows: with less than 15 s of this one left, start in the next, so the round fits in one.
    const left = windowSeconds - ((Date.now() / 1000) % windowSeconds);
    if (left < 15) await new Promise((resolve) => setTimeout(resolve, (left + 1) * 1000));
    const check = (server: ProductionServer) => callServerAction(server.port, '/tokens', action, [{ token: 'not-a-token' }], cookies);
    const allowed = [];
    for (let n = 0; n < limit; n++) allowed.push(await check(n % 2 === 0 ? first : second));
    expect(allowed.filter((outcome) => outcome.ok)).toHaveLength(limit);
    // Each replica has served only half the limit, yet both refuse the next call.
    const past = [await check(first), await check(second)];
    expect(past.map((outcome) => outcome.ok)).toEqual([false, false]);
    expect(past[0]!.error).toMatch(new RegExp(`limit of ${limit} token checks per 1 minute`));
  });

  it('finishes every job of a replica killed mid-provisioning exactly once', async () => {
    const [victim, survivor] = servers as [ProductionServer, ProductionServer];
    const round = await crashMidProvisioning(world, [survivor], victim, 30);
    expect(round.heldByKilled).toBeGreaterThan(0);
    expect(round).toMatchObject({ approvals: 30, active: 30, duplicates: 0, missing: 0 });
  });

  it('removes every role of a replica killed mid-revocation exactly once', async () => {
    const survivor = servers[1]!;
    // The first replica is gone (killed above): a replacement joins, and is killed holding revoke jobs.
    const replacement = await world.startServer(STANDALONE_PORTS.extra(12));
    const round = await crashMidRevocation(world, [survivor], replacement, 20);
    expect(round.heldByKilled).toBeGreaterThan(0);
    expect(round).toMatchObject({ revocations: 20, revoked: 20, stillHeld: 0, notOnce: 0 });
  });
});
