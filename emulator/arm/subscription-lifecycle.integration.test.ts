// Rule: APIM users and product subscriptions are created, limited, moved between states and re-keyed through the real SDK as the
// REST spec (apimusers.json, apimsubscriptions.json) defines, and the gateway honours a new key at once and refuses the old one.
import { RestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApimState } from '../apim/types';
import { collect, RG, startArmFixture, SVC, type ArmFixture } from '@/test/harness/arm-fixture';
import { callGateway } from '@/test/harness/gateway-calls';

let fx: ArmFixture;
beforeAll(async () => {
  fx = await startArmFixture();
});
afterAll(async () => {
  await fx?.stop();
});

const state = () => fx.emulator.apim as ApimState;
const statusWith = (key: string) =>
  callGateway(fx.emulator.urls.gatewayUrl, 'GET', '/status/health', { headers: { 'Ocp-Apim-Subscription-Key': key } });
const failure = (p: Promise<unknown>) => p.then(() => null).catch((e: unknown) => e as RestError);

describe('APIM users linked to Entra', () => {
  it('creates a user with an aad identity (201), updates it (200) and finds it by email', async () => {
    let status = 0;
    const created = await fx.client.user.createOrUpdate(
      RG,
      SVC,
      'dev-kim',
      { email: 'kim@contoso.onmicrosoft.com', firstName: 'Kim', lastName: 'Lee', identities: [{ provider: 'aad', id: 'oid-kim' }] },
      { onResponse: (r) => void (status = r.status) },
    );
    expect(status).toBe(201);
    expect(created).toMatchObject({
      email: 'kim@contoso.onmicrosoft.com',
      state: 'active',
      identities: [{ provider: 'aad', id: 'oid-kim' }],
    });
    await fx.client.user.createOrUpdate(
      RG,
      SVC,
      'dev-kim',
      { email: 'kim@contoso.onmicrosoft.com', firstName: 'Kim', lastName: 'Lee-Park' },
      { onResponse: (r) => void (status = r.status) },
    );
    expect(status).toBe(200);
    const found = await collect(fx.client.user.listByService(RG, SVC, { filter: "email eq 'kim@contoso.onmicrosoft.com'" }));
    expect(found.map((u) => [u.name, u.lastName, u.identities])).toEqual([['dev-kim', 'Lee-Park', [{ provider: 'aad', id: 'oid-kim' }]]]);
  });

  it('refuses a second user with the same email, and an update or delete without If-Match', async () => {
    const duplicate = await failure(
      fx.client.user.createOrUpdate(RG, SVC, 'dev-kim-2', { email: 'KIM@contoso.onmicrosoft.com', firstName: 'K', lastName: 'L' }),
    );
    expect(duplicate?.statusCode).toBe(409);
    const noIfMatch = await fx.armFetch(`${fx.servicePath}/users/dev-kim?api-version=2024-05-01`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ properties: { state: 'blocked' } }),
    });
    expect(noIfMatch.status).toBe(400);
  });
});

describe('product subscriptions', () => {
  /** Puts Kim's subscription `sid` to `product`. */
  const subscribeKim = (sid: string, product: string, displayName = 'x') =>
    fx.client.subscription.createOrUpdate(RG, SVC, sid, {
      ownerId: `${fx.servicePath}/users/dev-kim`,
      scope: `/products/${product}`,
      displayName,
    });

  it('activates a subscription to an open product at once and enforces its subscriptionsLimit', async () => {
    const sub = await subscribeKim('kim-starter', 'starter', 'Kim – Starter');
    expect(sub.state).toBe('active');
    const second = await failure(subscribeKim('kim-starter-2', 'starter'));
    expect(second?.statusCode).toBe(409);
    expect(second?.message).toContain('limit');
    // Re-putting the same id is an update, not a second subscription.
    const again = await subscribeKim('kim-starter', 'starter', 'Kim – Starter');
    expect(again.state).toBe('active');
  });

  it('refuses subscriptions to an unpublished product and for a blocked user', async () => {
    const unpublished = await failure(subscribeKim('kim-preview', 'billing-preview'));
    expect(unpublished?.statusCode).toBe(400);
    expect(unpublished?.message).toContain('not published');
    await fx.client.user.update(RG, SVC, 'dev-kim', '*', { state: 'blocked' });
    try {
      const blocked = await failure(subscribeKim('kim-partners-x', 'partners'));
      expect(blocked?.statusCode).toBe(400);
      expect(blocked?.message).toContain('blocked');
    } finally {
      await fx.client.user.update(RG, SVC, 'dev-kim', '*', { state: 'active' });
    }
  });

  it('keeps a subscription to an approval product submitted until it is activated, then suspends and cancels it', async () => {
    const sub = await subscribeKim('kim-partners', 'partners', 'Kim – Partners');
    expect(sub.state).toBe('submitted');
    const { primaryKey } = await fx.client.subscription.listSecrets(RG, SVC, 'kim-partners');
    expect((await statusWith(primaryKey!)).status).toBe(401);
    for (const next of ['active', 'suspended', 'cancelled'] as const) {
      const updated = await fx.client.subscription.update(RG, SVC, 'kim-partners', '*', { state: next });
      expect(updated.state).toBe(next);
    }
    const listed = await collect(fx.client.userSubscription.list(RG, SVC, 'dev-kim', { filter: "state eq 'cancelled'" }));
    expect(listed.map((s) => s.name)).toEqual(['kim-partners']);
  });

  it('regenerates each key: the gateway accepts the new key at once and refuses the old one', async () => {
    const before = await fx.client.subscription.listSecrets(RG, SVC, 'kim-starter');
    expect((await statusWith(before.primaryKey!)).status).toBe(200);
    let status = 0;
    await fx.client.subscription.regeneratePrimaryKey(RG, SVC, 'kim-starter', { onResponse: (r) => void (status = r.status) });
    expect(status).toBe(204);
    const afterPrimary = await fx.client.subscription.listSecrets(RG, SVC, 'kim-starter');
    expect(afterPrimary.primaryKey).not.toBe(before.primaryKey);
    expect(afterPrimary.secondaryKey).toBe(before.secondaryKey);
    expect((await statusWith(before.primaryKey!)).status).toBe(401);
    expect((await statusWith(afterPrimary.primaryKey!)).status).toBe(200);

    await fx.client.subscription.regenerateSecondaryKey(RG, SVC, 'kim-starter');
    const afterSecondary = await fx.client.subscription.listSecrets(RG, SVC, 'kim-starter');
    expect((await statusWith(before.secondaryKey!)).status).toBe(401);
    expect((await statusWith(afterSecondary.secondaryKey!)).status).toBe(200);
  });

  it('deletes a user with its subscriptions only when asked to', async () => {
    const refused = await failure(fx.client.user.beginDeleteAndWait(RG, SVC, 'dev-kim', '*'));
    expect(refused?.statusCode).toBe(409);
    await fx.client.user.beginDeleteAndWait(RG, SVC, 'dev-kim', '*', { deleteSubscriptions: true });
    expect(state().users.has('dev-kim')).toBe(false);
    expect(state().subscriptions.has('kim-starter')).toBe(false);
  });
});
