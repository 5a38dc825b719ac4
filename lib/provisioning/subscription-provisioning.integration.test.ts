// Rule: a subscription request becomes exactly one active APIM subscription for the developer's APIM user (found by, or created
// with, their Entra identity), through the same request, queue and outbox as app roles; retries never create a second one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PortalUser } from '@/lib/auth/session';
import type { ApimState } from '@/emulator/apim/types';
import { demoUser, USERS } from '@/test/harness/access-fixture';
import { PAYMENTS_APP } from '@/emulator/seed/demo-tenant';
import { submitRequest } from '@/lib/approvals/submit-request';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { decideRequest } from '@/lib/approvals/decide-request';
import { submitSubscriptionRequest } from '@/lib/approvals/submit-subscription-request';
import { syncCatalog } from '@/lib/catalog/sync-catalog';
import { grantSubscription } from './provisioning-apim';
import { runDueProvisioningJobs } from './provisioning-worker';
import { reconcileSubscriptions } from './reconcile-subscriptions';
import { revokeGrant } from './revoke-grant';

let env: PortalTestEnv;
const ada = demoUser('ada') as PortalUser;
const olivia = demoUser('olivia') as PortalUser;
const priya = demoUser('priya') as PortalUser;
const worker = { workerId: 'sub-worker', baseDelayMs: 5, maxDelayMs: 20 };

beforeAll(async () => {
  env = await startPortalTestEnv();
  expect((await syncCatalog(env.db)).status).toBe('succeeded');
});
afterAll(async () => env?.close());

const apim = () => env.emulator.apim as ApimState;
const subscriptionsOf = (userId: string) => [...apim().subscriptions.values()].filter((s) => s.ownerId === `/users/${userId}`);
const row = (id: string) => env.db.selectFrom('access_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const refusal = (work: Promise<unknown>) => work.then(() => '').catch((e: Error) => e.message);

beforeEach(async () => {
  await env.db.deleteFrom('provisioning_job').execute();
  await env.db.deleteFrom('access_request').execute();
  for (const s of [...apim().subscriptions.values()]) if (s.id.startsWith('roleport-')) apim().subscriptions.delete(s.id);
});

describe('subscribing to a product', () => {
  it('grants an open product at once: approved in the same transaction, then one active subscription with keys', async () => {
    const { requestId, status } = await submitSubscriptionRequest(env.db, ada, { productId: 'starter', acceptTerms: true });
    expect(status).toBe('approved');
    await runDueProvisioningJobs(env.db, worker);
    const request = await row(requestId);
    expect(request).toMatchObject({ kind: 'subscription', product_id: 'starter', status: 'active' });
    const subs = subscriptionsOf('ada').filter((s) => s.scope === '/products/starter');
    expect(subs.map((s) => [s.id, s.state])).toEqual([[request.subscription_id, 'active']]);
    const actions = await env.db.selectFrom('audit_event').select('action').where('subject_id', '=', requestId).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['request.auto_approved', 'request.provisioning_started', 'request.activated']);
  });

  it('queues a product that needs approval for an admin; approval activates exactly one subscription', async () => {
    const { requestId, status } = await submitSubscriptionRequest(env.db, ada, {
      productId: 'partners',
      acceptTerms: true,
      justification: 'Refund flow for the shop.',
    });
    expect(status).toBe('pending');
    expect(await runDueProvisioningJobs(env.db, worker)).toBe(0);
    await decideRequest(env.db, priya, requestId, { verdict: 'approve', expectedVersion: 1 });
    await runDueProvisioningJobs(env.db, worker);
    expect((await row(requestId)).status).toBe('active');
    const partners = subscriptionsOf('ada').filter((s) => s.scope === '/products/partners');
    expect(partners.map((s) => s.state)).toEqual(['active']);
  });

  it('creates the APIM user linked to the Entra identity when the developer has none', async () => {
    const kept = apim().users.get('olivia')!;
    apim().users.delete('olivia');
    try {
      const { requestId } = await submitSubscriptionRequest(env.db, olivia, { productId: 'starter', acceptTerms: true });
      await runDueProvisioningJobs(env.db, worker);
      expect((await row(requestId)).status).toBe('active');
      const created = apim().users.get(USERS.olivia.oid.toLowerCase());
      expect(created).toMatchObject({
        email: USERS.olivia.userPrincipalName,
        identities: [{ provider: 'aad', id: USERS.olivia.oid.toLowerCase() }],
      });
      expect(subscriptionsOf(created!.id).map((s) => s.state)).toEqual(['active']);
    } finally {
      apim().users.delete(USERS.olivia.oid.toLowerCase());
      for (const s of [...apim().subscriptions.values()])
        if (s.ownerId === `/users/${USERS.olivia.oid.toLowerCase()}`) apim().subscriptions.delete(s.id);
      apim().users.set('olivia', kept);
    }
  });

  it('creates no second subscription when the job runs again after its subscription was made', async () => {
    const { requestId } = await submitSubscriptionRequest(env.db, ada, { productId: 'starter', acceptTerms: true });
    const request = await row(requestId);
    // An attempt that created the subscription and crashed before recording it, then the retry.
    const first = await grantSubscription(request);
    await runDueProvisioningJobs(env.db, worker);
    const again = await grantSubscription(request);
    expect(again).toEqual({ assignmentId: first.assignmentId, adopted: true });
    expect((await row(requestId)).subscription_id).toBe(first.assignmentId);
    expect(subscriptionsOf('ada').filter((s) => s.scope === '/products/starter')).toHaveLength(1);
  });
});

describe('reconciliation with APIM', () => {
  it('reports subscriptions made outside Roleport and revokes Roleport’s own that were cancelled in APIM', async () => {
    const { requestId } = await submitSubscriptionRequest(env.db, ada, { productId: 'starter', acceptTerms: true });
    await runDueProvisioningJobs(env.db, worker);
    const sid = (await row(requestId)).subscription_id!;
    apim().subscriptions.get(sid)!.state = 'cancelled';

    const report = await reconcileSubscriptions(env.db, priya);
    expect(report.removedInApim).toEqual([{ requestId, requesterName: 'Ada Lovelace', productName: 'Starter' }]);
    expect(report.external).toContainEqual(
      expect.objectContaining({ subscriptionId: 'ben-partners', productId: 'partners', ownerOid: USERS.ben.oid.toLowerCase() }),
    );
    expect((await row(requestId)).status).toBe('revoked');
    const audit = await env.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', requestId)
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    expect(audit?.action).toBe('request.removed_in_apim');
  });

  it('cancels the subscription in APIM when its grant is given up, so its keys stop working', async () => {
    const { requestId } = await submitSubscriptionRequest(env.db, ada, { productId: 'starter', acceptTerms: true });
    await runDueProvisioningJobs(env.db, worker);
    const active = await row(requestId);
    await revokeGrant(env.db, ada, requestId, { expectedVersion: Number(active.version) });
    await runDueProvisioningJobs(env.db, worker);
    expect((await row(requestId)).status).toBe('revoked');
    expect(apim().subscriptions.get(active.subscription_id!)?.state).toBe('cancelled');
  });
});

describe('one request for a role and a subscription', () => {
  it('records two linked parts, each with its own approval, or neither when the subscription part is refused', async () => {
    const role = PAYMENTS_APP.roles['Payments.Read']!;
    const base = { apiId: 'payments', roleId: role, justification: 'Refund desk needs payments.' };
    expect(await refusal(submitRequest(env.db, ada, { ...base, subscription: { productId: 'partners' } }))).toBe(
      'Accept the terms of use of Partners to subscribe.',
    );
    expect(await env.db.selectFrom('access_request').selectAll().execute()).toEqual([]);

    const { requestId } = await submitRequest(env.db, ada, { ...base, subscription: { productId: 'partners', acceptTerms: true } });
    const parts = await env.db.selectFrom('access_request').selectAll().where('bundle_id', '=', requestId).execute();
    expect(parts.map((p) => [p.kind, p.status]).sort()).toEqual([
      ['app-role', 'pending'],
      ['subscription', 'pending'],
    ]);
    expect(parts.find((p) => p.kind === 'subscription')?.justification).toBe('Refund desk needs payments.');
  });
});

describe('refusals, each with its reason and nothing written', () => {
  it('refuses missing terms, an unpublished product, an unknown one and subscribing twice', async () => {
    expect(await refusal(submitSubscriptionRequest(env.db, ada, { productId: 'starter' }))).toBe(
      'Accept the terms of use of Starter to subscribe.',
    );
    await syncCatalog(env.db);
    expect(await refusal(submitSubscriptionRequest(env.db, ada, { productId: 'billing-preview' }))).toBe(
      'Billing preview is not published, so it cannot be subscribed to.',
    );
    expect(await refusal(submitSubscriptionRequest(env.db, ada, { productId: 'nope' }))).toBe('There is no such product in the catalog.');
    expect(await refusal(submitSubscriptionRequest(env.db, ada, { productId: 'developer' }))).toContain('needs no subscription');
    await submitSubscriptionRequest(env.db, ada, { productId: 'partners', acceptTerms: true });
    expect(await refusal(submitSubscriptionRequest(env.db, ada, { productId: 'partners', acceptTerms: true }))).toBe(
      'You already have a pending request for a subscription to Partners.',
    );
    expect(await env.db.selectFrom('access_request').selectAll().execute()).toHaveLength(1);
  });

  it('refuses a developer at the product’s limit, counting subscriptions made outside Roleport', async () => {
    // Ben holds the seeded partners subscription (limit 1), made in APIM directly.
    const ben = demoUser('ben') as PortalUser;
    expect(await refusal(submitSubscriptionRequest(env.db, ben, { productId: 'partners', acceptTerms: true }))).toBe(
      'You have reached the limit of 1 subscription to Partners.',
    );
  });

  it('refuses a blocked APIM user at submission, and fails a queued grant with APIM’s reason if they are blocked later', async () => {
    apim().users.get('ada')!.state = 'blocked';
    try {
      expect(await refusal(submitSubscriptionRequest(env.db, ada, { productId: 'starter', acceptTerms: true }))).toContain(
        'Your API Management account is blocked',
      );
      apim().users.get('ada')!.state = 'active';
      const { requestId } = await submitSubscriptionRequest(env.db, ada, { productId: 'starter', acceptTerms: true });
      apim().users.get('ada')!.state = 'blocked';
      await runDueProvisioningJobs(env.db, worker);
      const failed = await row(requestId);
      expect(failed.status).toBe('failed');
      expect(failed.failure_reason).toContain('blocked');
      expect(subscriptionsOf('ada').filter((s) => s.scope === '/products/starter')).toHaveLength(0);
    } finally {
      apim().users.get('ada')!.state = 'active';
    }
  });
});
