// Rule: Who has what lists, per product, every subscription APIM holds with its state and owner, telling Roleport's (linked to
// their request) from those made outside Roleport, and pages and filters products like the rest of the page; only admins see it.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PortalUser } from '@/lib/auth/session';
import { submitSubscriptionRequest } from '@/lib/approvals/submit-subscription-request';
import { syncCatalog } from '@/lib/catalog/sync-catalog';
import type { Database } from '@/lib/db/types';
import { demoUser } from '@/test/harness/access-fixture';
import { describeEngines } from '@/test/harness/database-engines';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { listSubscriptionHolders } from './list-subscription-holders';
import { loadWhoHasWhatPage } from './load-who-has-what-page';
import { listMySubscriptions } from './my-subscriptions';
import { runDueProvisioningJobs } from './provisioning-worker';
import { revokeGrant } from './revoke-grant';

const ada = demoUser('ada') as PortalUser;
const olivia = demoUser('olivia') as PortalUser;
const priya = demoUser('priya') as PortalUser;
const worker = { workerId: 'holders-worker', baseDelayMs: 5, maxDelayMs: 20 };

let env: PortalTestEnv;
beforeAll(async () => {
  env = await startPortalTestEnv();
});
afterAll(async () => env?.close());

const refusal = (work: Promise<unknown>) => work.then(() => '').catch((e: Error) => e.message);
const rows = (sections: Awaited<ReturnType<typeof listSubscriptionHolders>>['sections']) =>
  sections.map((s) => ({
    product: s.product.id,
    holders: s.holders.map((h) => `${h.owner.name}|${h.state}|${h.requestId ? 'roleport' : 'outside'}`),
  }));

describeEngines('who holds which subscription', (engine) => {
  let db: Kysely<Database>;
  let adaStarter: string;
  let oliviaPartners: string;
  beforeAll(async () => {
    ({ db } = await engine.openMigrated());
    expect((await syncCatalog(db)).status).toBe('succeeded');
    // Ada's Starter key is made by Roleport after the sync (the index does not list it yet); Olivia's Partners request waits.
    adaStarter = (await submitSubscriptionRequest(db, ada, { productId: 'starter', acceptTerms: true })).requestId;
    await runDueProvisioningJobs(db, worker);
    oliviaPartners = (await submitSubscriptionRequest(db, olivia, { productId: 'partners', acceptTerms: true })).requestId;
  });
  afterAll(async () => {
    // The emulator outlives each engine's database: the next engine starts from the seeded subscriptions again.
    for (const s of [...env.emulator.apim!.subscriptions.values()])
      if (s.id.startsWith('roleport-')) env.emulator.apim!.subscriptions.delete(s.id);
  });

  it('names each holder, their state and whether Roleport made the subscription; a waiting request holds nothing', async () => {
    const { sections, productCount, holderCount } = await listSubscriptionHolders(db, priya, { q: '', page: 1 });
    expect(rows(sections)).toEqual([
      { product: 'billing-preview', holders: [] },
      { product: 'partners', holders: ['ben@contoso.onmicrosoft.com|active|outside'] },
      { product: 'starter', holders: ['Ada Lovelace|active|roleport'] },
    ]);
    expect(sections.find((s) => s.product.id === 'starter')?.holders[0]?.requestId).toBe(adaStarter);
    expect(sections.flatMap((s) => s.holders).some((h) => h.requestId === oliviaPartners)).toBe(false);
    expect({ productCount, holderCount }).toEqual({ productCount: 3, holderCount: 2 });
  });

  it('reads the subscription as APIM lists it once synced, still linked to Roleport’s request', async () => {
    expect((await syncCatalog(db)).status).toBe('succeeded');
    const { sections } = await listSubscriptionHolders(db, priya, { q: '', page: 1 });
    const starter = sections.find((s) => s.product.id === 'starter')?.holders ?? [];
    expect(starter.map((h) => [h.owner.name, h.state, h.requestId, h.subscriptionId?.startsWith('roleport-')])).toEqual([
      ['Ada Lovelace', 'active', adaStarter, true],
    ]);
  });

  it('pages by product and filters by holder or product', async () => {
    const second = await listSubscriptionHolders(db, priya, { q: '', page: 2 }, 2);
    expect({ page: second.page, products: second.sections.map((s) => s.product.id) }).toEqual({ page: 2, products: ['starter'] });
    // A page past the end shows the last one.
    expect((await listSubscriptionHolders(db, priya, { q: '', page: 9 }, 2)).page).toBe(2);
    expect(rows((await listSubscriptionHolders(db, priya, { q: 'LOVELACE', page: 1 })).sections)).toEqual([
      { product: 'starter', holders: ['Ada Lovelace|active|roleport'] },
    ]);
    expect(rows((await listSubscriptionHolders(db, priya, { q: 'partners', page: 1 })).sections)).toEqual([
      { product: 'partners', holders: ['ben@contoso.onmicrosoft.com|active|outside'] },
    ]);
  });

  it('is part of the Who has what loader, on its own page parameter, and refused to anyone but an admin', async () => {
    const page = await loadWhoHasWhatPage(priya, undefined, { q: '', api: '', page: 1, subscriptionPage: 1 }, db);
    expect(page.subscriptions?.productCount).toBe(3);
    const narrowed = await loadWhoHasWhatPage(priya, undefined, { q: '', api: 'orders', page: 1, subscriptionPage: 1 }, db);
    expect(narrowed.subscriptions).toBeNull();
    expect(await refusal(listSubscriptionHolders(db, ada, { q: '', page: 1 }))).toBe('Only a portal admin can see who has what.');
  });

  it('drops a subscription Roleport cancelled since the last sync, here and on the holder’s My subscriptions', async () => {
    const row = await db.selectFrom('access_request').select('version').where('id', '=', adaStarter).executeTakeFirstOrThrow();
    await revokeGrant(db, ada, adaStarter, { expectedVersion: Number(row.version) });
    await runDueProvisioningJobs(db, worker);
    // The index, synced while it was active, still says so.
    const indexed = await db.selectFrom('catalog_subscription').select('state').where('product_id', '=', 'starter').execute();
    expect(indexed.map((s) => s.state)).toEqual(['active']);
    const { sections } = await listSubscriptionHolders(db, priya, { q: '', page: 1 });
    expect(sections.find((s) => s.product.id === 'starter')?.holders).toEqual([]);
    expect((await listMySubscriptions(db, ada)).filter((s) => s.productId === 'starter')).toEqual([]);
  });
});
