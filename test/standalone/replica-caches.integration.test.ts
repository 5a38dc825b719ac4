// Rule: a replica's per-user held-roles cache notices a role given up through the other replica within its stated bound (30 s, lib/directory/held-roles.ts), and its catalog index snapshot an API refreshed through the other replica on its next page view (lib/catalog/index-snapshot.ts re-checks the index's stamp on every read), with nothing shared but PostgreSQL and Entra.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDALONE_PORTS } from '../../scripts/standalone/standalone-ports';
import type { ProductionServer } from '../../scripts/standalone/production-server';
import { catalogSynced, eventually, startProductionWorld, type ProductionWorld } from '../harness/production-world';
import { approveMany } from '../harness/replica-scenarios';
import { adminRefresher } from '../harness/replica-catalog-sync';
import { callServerAction, serverActionId, signInOverHttp } from '../harness/portal-over-http';
import { USERS } from '../../emulator/seed/demo-tenant';

const postgres = Boolean(process.env.TEST_DATABASE_URL);
/** lib/directory/held-roles.ts's TTL_MS: how long a replica may show a role the user no longer holds. */
const HELD_ROLES_BOUND_MS = 30_000;

describe.skipIf(!postgres)('caches on two replicas', () => {
  let world: ProductionWorld;
  let servers: ProductionServer[];

  beforeAll(async () => {
    const ports = [STANDALONE_PORTS.extra(13), STANDALONE_PORTS.extra(14)];
    const extraRedirectUris = ports.map((port) => `https://localhost:${port}/api/auth/callback/azure-ad`);
    world = await startProductionWorld({ engine: 'postgres', emulator: { extraRedirectUris } });
    servers = await Promise.all(ports.map((port) => world.startServer(port)));
  });
  afterAll(async () => world?.close());

  it('shows a role given up on replica 2 as gone on replica 1 within the held-roles bound', async () => {
    const [first, second] = servers as [ProductionServer, ProductionServer];
    const db = await world.db();
    await catalogSynced(db);
    const { ids, oids } = await approveMany(world, `cache-${Date.now()}`, 1);
    const [requestId, oid] = [ids[0]!, oids[0]!];
    await eventually('the grant to become active', async () => {
      const row = await db.selectFrom('access_request').select('status').where('id', '=', requestId).executeTakeFirst();
      return row?.status === 'active';
    });
    const cookies = await signInOverHttp(first.port, oid);
    const heldOnFirst = async (): Promise<boolean> => {
      const html = await (await fetch(`http://localhost:${first.port}/apis/orders`, { headers: { cookie: cookies } })).text();
      // The role chip carries a "held" mark when the page's held roles include it.
      return /data-role="Orders\.Read"[^>]*><span aria-label="held">/.test(html);
    };
    // Replica 1 reads the user's roles and keeps them.
    expect(await heldOnFirst()).toBe(true);

    const { version } = await db.selectFrom('access_request').select('version').where('id', '=', requestId).executeTakeFirstOrThrow();
    const giveUp = serverActionId(world.image.dir, 'app/(portal)/requests/actions.ts', 'giveUpGrantAction');
    const answer = await callServerAction(second.port, '/requests', giveUp, [{ requestId, expectedVersion: Number(version) }], cookies);
    expect(answer.ok).toBe(true);
    await eventually(
      'the grant to be revoked',
      async () => {
        const row = await db.selectFrom('access_request').select('status').where('id', '=', requestId).executeTakeFirst();
        return row?.status === 'revoked';
      },
      60_000,
      50,
    );
    // Replica 1's entry was filled before the revocation, so once the bound has passed since, it must read afresh.
    await new Promise((resolve) => setTimeout(resolve, HELD_ROLES_BOUND_MS));
    expect(await heldOnFirst()).toBe(false);
  });

  it("shows an API renamed in APIM and refreshed through replica 2 on replica 1's next page view", async () => {
    const [first, second] = servers as [ProductionServer, ProductionServer];
    await catalogSynced(await world.db());
    const refresh = await adminRefresher(world, second);
    const cookies = await signInOverHttp(first.port, USERS.priya.oid);
    const page = async () => (await fetch(`http://localhost:${first.port}/apis/orders`, { headers: { cookie: cookies } })).text();
    const renamed = `Orders Renamed ${Date.now()}`;
    // Replica 1 has read the index into its snapshot.
    expect(await page()).not.toContain(renamed);
    world.emulator.apim!.apis.get('orders')!.displayName = renamed;
    expect(await refresh(second, 'orders')).toMatchObject({ ok: true });
    // The bound is the next view: no wait.
    expect(await page()).toContain(renamed);
  });
});
