// Rule: subscriptions, users and named values answer the real SDK in Microsoft's shapes, with full ARM ids and 201/200 on PUT.
import { RestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExample, shapeDifferences } from '@/test/harness/example-shapes';
import { captureBodies, collect, RG, startArmFixture, SVC, type ArmFixture } from '@/test/harness/arm-fixture';

let fx: ArmFixture;
beforeAll(async () => {
  fx = await startArmFixture();
});
afterAll(async () => {
  await fx?.stop();
});

const example = (name: string, status = '200') =>
  loadExample<{ responses: Record<string, { body: unknown }> }>(`arm/${name}.json`).responses[status]?.body;

describe('subscriptions', () => {
  it('lists subscriptions with filters, in the published shape', async () => {
    const raw = captureBodies();
    const all = await collect(fx.client.subscription.list(RG, SVC, raw.options));
    expect(all.map((s) => s.name)).toContain('ben-partners');
    expect(shapeDifferences(raw.bodies[0], example('ApiManagementListSubscriptions'))).toEqual([]);
    const ben = all.find((s) => s.name === 'ben-partners');
    expect(ben?.ownerId).toBe(`${fx.servicePath}/users/ben`);
    expect(ben?.scope).toBe(`${fx.servicePath}/products/partners`);
    expect((raw.bodies[0] as { value: { properties: Record<string, unknown> }[] }).value[0]?.properties.primaryKey).toBeUndefined();

    const byOwner = await collect(
      fx.client.subscription.list(RG, SVC, { filter: `ownerId eq '${fx.servicePath}/users/ben' and state eq 'active'` }),
    );
    expect(byOwner.map((s) => s.name)).toEqual(['ben-partners']);
    const byProduct = await collect(fx.client.subscription.list(RG, SVC, { filter: "productId eq 'partners'" }));
    expect(byProduct.map((s) => s.name)).toEqual(['ben-partners']);
  });

  it('creates a subscription (201), updates it (200), and lists its secrets', async () => {
    const raw = captureBodies();
    let status = 0;
    const params = { ownerId: `${fx.servicePath}/users/ada`, scope: '/products/partners', displayName: 'Ada – Partners' };
    const created = await fx.client.subscription.createOrUpdate(RG, SVC, 'ada-partners', params, {
      notify: false,
      onResponse: (r) => {
        status = r.status;
        raw.options.onResponse(r);
      },
    });
    expect(status).toBe(201);
    expect(created).toMatchObject({
      ownerId: `${fx.servicePath}/users/ada`,
      scope: `${fx.servicePath}/products/partners`,
      state: 'submitted',
    });
    expect(shapeDifferences(raw.bodies[0], example('ApiManagementCreateSubscription', '201'))).toEqual([]);

    const activated = await fx.client.subscription.createOrUpdate(
      RG,
      SVC,
      'ada-partners',
      { ...params, state: 'active' },
      {
        onResponse: (r) => {
          status = r.status;
        },
      },
    );
    expect(status).toBe(200);
    expect(activated.state).toBe('active');

    const secrets = captureBodies();
    const keys = await fx.client.subscription.listSecrets(RG, SVC, 'ada-partners', secrets.options);
    expect(keys.primaryKey).toMatch(/^[0-9a-f]{32}$/);
    expect(shapeDifferences(secrets.bodies[0], example('ApiManagementSubscriptionListSecrets'))).toEqual([]);
  });

  it('rejects a subscription to an unknown scope or owner, and a get of an unknown id', async () => {
    const scope = await fx.client.subscription
      .createOrUpdate(RG, SVC, 'x1', { scope: '/products/nope', displayName: 'x' })
      .catch((e: unknown) => e);
    expect(scope).toBeInstanceOf(RestError);
    expect((scope as RestError).statusCode).toBe(400);
    const owner = await fx.client.subscription
      .createOrUpdate(RG, SVC, 'x2', { scope: '/apis', displayName: 'x', ownerId: '/users/nobody' })
      .catch((e: unknown) => e);
    expect((owner as RestError).statusCode).toBe(400);
    const missing = await fx.client.subscription.get(RG, SVC, 'nope').catch((e: unknown) => e);
    expect((missing as RestError).statusCode).toBe(404);
  });

  it('lists a user’s and a product’s subscriptions in the published shapes', async () => {
    const raw = captureBodies();
    const bens = await collect(fx.client.userSubscription.list(RG, SVC, 'ben', raw.options));
    expect(bens.map((s) => s.name)).toEqual(['ben-partners']);
    expect(shapeDifferences(raw.bodies[0], example('ApiManagementListUserSubscriptions'))).toEqual([]);
    expect(await collect(fx.client.userSubscription.list(RG, SVC, 'olivia'))).toEqual([]);
    const product = captureBodies();
    const partners = await collect(fx.client.productSubscriptions.list(RG, SVC, 'partners', product.options));
    expect(partners.map((s) => s.name)).toContain('ben-partners');
    expect(shapeDifferences(product.bodies[0], example('ApiManagementListProductSubscriptions'))).toEqual([]);
  });
});

describe('users and named values', () => {
  it('lists APIM users with their Entra identities', async () => {
    const users = await collect(fx.client.user.listByService(RG, SVC));
    const ada = users.find((u) => u.name === 'ada');
    expect(ada?.identities).toEqual([{ provider: 'aad', id: '0a1d5c3e-1111-4a6b-8e21-000000000001' }]);
    expect((await fx.client.user.get(RG, SVC, 'Ben')).email).toBe('ben@contoso.onmicrosoft.com');
  });

  it('lists named values in the published shape, hiding secret values', async () => {
    const raw = captureBodies();
    const values = await collect(fx.client.namedValue.listByService(RG, SVC, raw.options));
    expect(values.find((v) => v.name === 'entra-openid-config-url')?.value).toBe(
      `${fx.emulator.urls.authorityHost}/6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34/v2.0/.well-known/openid-configuration`,
    );
    expect(values.find((v) => v.name === 'payments-partner-secret')?.value).toBeUndefined();
    // The example's second item is Key Vault backed; the demo's values are plain.
    expect(shapeDifferences(raw.bodies[0], example('ApiManagementListNamedValues'))).toEqual([]);
    expect((await fx.client.namedValue.get(RG, SVC, 'tenant-id')).value).toBe('6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34');
  });
});
