// The catalog index is read from APIM and Graph through the real SDKs, and each operation's required roles come from its policy chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { INVENTORY_APP, ORDERS_APP, PORTAL_APP, TENANT_ID, USERS } from '../../emulator/seed/demo-tenant';
import { listProductsWithApis } from './read-products';
import { getIndexedApi, getIndexedApp, listIndexedApis, listIndexedOperations } from './read-index';
import { getIndexSnapshot, searchSnapshot } from './index-snapshot';
import { syncCatalog, syncOneApi } from './sync-catalog';

let env: PortalTestEnv;

beforeAll(async () => {
  env = await startPortalTestEnv();
});
afterAll(async () => env?.close());

async function faults(body: unknown) {
  const response = await fetch(`${env.emulator.urls.authorityHost}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
}

describe('syncCatalog', () => {
  it('indexes every seeded API with its products, app registration and token validation', async () => {
    const report = await syncCatalog(env.db);
    expect(report.status).toBe('succeeded');
    expect(report.failedApis).toEqual([]);
    const apis = await listIndexedApis(env.db);
    expect(apis.map((a) => a.id).sort()).toEqual([
      'deliveries',
      'inventory',
      'legacy-billing',
      'orders',
      'payments',
      'shipments-v1',
      'shipments-v2',
      'status',
      'stock-alerts',
    ]);
    const orders = apis.find((a) => a.id === 'orders')!;
    expect(orders.appId).toBe(ORDERS_APP.appId);
    expect(orders.appSource).toBe('policy');
    expect(orders.gatewayBaseUrl).toBe(`${env.emulator.urls.gatewayUrl}/orders`);
    expect(orders.access.tokenValidation).toBe('all');
    expect(apis.find((a) => a.id === 'status')!.access.tokenValidation).toBe('none');
    const legacy = apis.find((a) => a.id === 'legacy-billing')!;
    expect(legacy.appId).toBeNull();
    expect(legacy.access.audiences).toContain('api://contoso-legacy-billing');
  });

  it('indexes every product ARM lists with its terms, limit and APIs, and every subscription with its owner’s Entra id', async () => {
    const report = await syncCatalog(env.db);
    // The product list plus each product's APIs and policy; every subscription and every APIM user.
    expect(report.productCalls).toBe(1 + 2 * env.emulator.apim!.products.size);
    expect(report.subscriptionCalls).toBe(2);
    const all = await listProductsWithApis(env.db, { includeUnpublished: true });
    expect(all.map((p) => p.id).sort()).toEqual([...env.emulator.apim!.products.keys()].sort());
    const visible = await listProductsWithApis(env.db);
    expect(visible.map((p) => p.id)).not.toContain('billing-preview');
    expect(visible.find((p) => p.id === 'partners')).toMatchObject({
      approvalRequired: true,
      subscriptionRequired: true,
      subscriptionsLimit: 1,
      terms: 'Partners must keep subscription keys secret and rotate them yearly.',
      apis: [{ id: 'payments', displayName: 'Payments API' }],
    });
    expect(visible.find((p) => p.id === 'starter')).toMatchObject({ approvalRequired: false, apis: [{ id: 'status' }] });
    const bens = await env.db.selectFrom('catalog_subscription').selectAll().where('id', '=', 'ben-partners').executeTakeFirstOrThrow();
    expect(bens).toMatchObject({ product_id: 'partners', apim_user_id: 'ben', owner_oid: USERS.ben.oid, state: 'active' });
  });

  it('derives the roles each operation requires from the effective policy chain', async () => {
    const ops = await listIndexedOperations(env.db, 'orders');
    const byId = new Map(ops.map((op) => [op.id, op.access.requiredRoles]));
    expect(byId.get('list-orders')).toEqual([['Orders.Admin', 'Orders.Read', 'Orders.Write']]);
    expect(byId.get('delete-order')).toEqual([['Orders.Admin', 'Orders.Write']]);
    expect(new Set(ops.map((op) => op.tag)).size).toBeGreaterThan(1);
    expect(ops.every((op) => op.tag)).toBe(true);
    const inventory = await listIndexedOperations(env.db, 'inventory');
    expect(inventory.every((op) => op.access.validatesToken)).toBe(true);
    expect(inventory.some((op) => op.access.requiredRoles.flat().includes('Inventory.Admin'))).toBe(true);
  });

  it('reads validate-azure-ad-token for audiences, callers and roles, and maps the API to its app', async () => {
    const deliveries = (await listIndexedApis(env.db)).find((a) => a.id === 'deliveries')!;
    expect(deliveries.appId).toBe(ORDERS_APP.appId);
    expect(deliveries.access.tokenValidation).toBe('all');
    const ops = new Map((await listIndexedOperations(env.db, 'deliveries')).map((op) => [op.id, op.access]));
    expect(ops.get('list-deliveries')?.requiredRoles).toEqual([]);
    expect(ops.get('cancel-delivery')?.requiredRoles).toEqual([['Orders.Admin']]);
    expect(ops.get('cancel-delivery')?.unknowns).toEqual([]);
    expect(ops.get('list-deliveries')?.validations[0]).toMatchObject({
      form: 'validate-azure-ad-token',
      scope: 'api',
      tenantId: TENANT_ID,
      clientApplicationIds: [PORTAL_APP.appId],
      audiences: [ORDERS_APP.identifierUri, ORDERS_APP.appId],
      tokenSource: { kind: 'header', name: 'Authorization', scheme: 'Bearer' },
    });
  });

  it("sees through include-fragment: a fragment's checks count where it is included", async () => {
    const alerts = (await listIndexedApis(env.db)).find((a) => a.id === 'stock-alerts')!;
    expect(alerts.appId).toBe(INVENTORY_APP.appId);
    expect(alerts.access.audiences).toEqual([INVENTORY_APP.appId, INVENTORY_APP.identifierUri].sort());
    const ops = new Map((await listIndexedOperations(env.db, 'stock-alerts')).map((op) => [op.id, op.access]));
    expect(ops.get('list-alerts')).toMatchObject({ validatesToken: true, requiredRoles: [], unknowns: [] });
    expect(ops.get('list-alerts')?.validations[0]).toMatchObject({ scope: 'api', fragmentId: 'entra-inventory-auth' });
    expect(ops.get('acknowledge-alert')?.requiredRoles).toEqual([['Inventory.Admin', 'Inventory.Write']]);
    expect(ops.get('acknowledge-alert')?.unknowns).toEqual([]);
  });

  it('records the app registration with its roles, owners and the groups holding its roles', async () => {
    const app = await getIndexedApp(env.db, ORDERS_APP.appId);
    expect(app?.appRoles.map((r) => r.value).sort()).toEqual([
      'Orders.Admin',
      'Orders.Export',
      'Orders.Read',
      'Orders.Support',
      'Orders.Write',
    ]);
    // Who may hold each role is kept as Entra says: people, applications, or both.
    const holders = new Map(app?.appRoles.map((r) => [r.value, [...r.allowedMemberTypes].sort()]));
    expect([holders.get('Orders.Export'), holders.get('Orders.Support'), holders.get('Orders.Read')]).toEqual([
      ['Application'],
      ['User'],
      ['Application', 'User'],
    ]);
    expect(app?.owners.map((o) => o.userPrincipalName)).toContain('olivia@contoso.onmicrosoft.com');
    expect(app?.tokenVersion).toBe(2);
    expect(app?.groupHoldings.map((g) => g.groupName)).toContain('Orders Writers');
  });

  it('refreshes one API with five ARM calls plus one per operation policy', async () => {
    const report = await syncOneApi(env.db, 'orders');
    expect(report.status).toBe('succeeded');
    const operations = await listIndexedOperations(env.db, 'orders');
    expect(report.armCalls).toBe(5 + operations.length);
    expect(report.apis).toBe(1);
  });

  it('keeps the last good index of an API it cannot read, and says why', async () => {
    await faults({ script: [{ surface: 'arm', method: 'GET', pathContains: '/apis/inventory/operations', kind: '500', times: 50 }] });
    try {
      const report = await syncCatalog(env.db);
      expect(report.failedApis.map((f) => f.id)).toEqual(['inventory']);
      const inventory = await getIndexedApi(env.db, 'inventory');
      expect(inventory?.syncError).toBeTruthy();
      expect((await listIndexedOperations(env.db, 'inventory')).length).toBeGreaterThan(0);
    } finally {
      await fetch(`${env.emulator.urls.authorityHost}/_emulator/faults`, { method: 'DELETE' });
    }
    await syncCatalog(env.db);
    expect((await getIndexedApi(env.db, 'inventory'))?.syncError).toBeNull();
  });

  it('finishes a sync under ARM throttling by waiting out Retry-After', async () => {
    await faults({ armThrottle: { burst: 10, refillPerSecond: 40 } });
    try {
      const report = await syncCatalog(env.db);
      expect(report.status).toBe('succeeded');
      expect(report.failedApis).toEqual([]);
    } finally {
      await fetch(`${env.emulator.urls.authorityHost}/_emulator/faults`, { method: 'DELETE' });
    }
  });

  it('serves pages one parsed snapshot of the index until a sync writes to it', async () => {
    const first = await getIndexSnapshot(env.db);
    expect(await getIndexSnapshot(env.db)).toBe(first);
    expect(searchSnapshot(first, 'ORDERS create').map((a) => a.id)).toEqual(['orders']);
    await syncOneApi(env.db, 'status');
    const next = await getIndexSnapshot(env.db);
    expect(next).not.toBe(first);
    expect(next.apis.map((a) => a.id)).toEqual(first.apis.map((a) => a.id));
  });

  it('lets only one sync of a scope run at a time', async () => {
    const [a, b] = await Promise.all([syncCatalog(env.db), syncCatalog(env.db)]);
    expect([a.status, b.status].sort()).toEqual(['skipped', 'succeeded']);
  });
});
