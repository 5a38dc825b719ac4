// Rule: the demo APIM catalog is complete and well formed, and the generated catalog scales to benchmark sizes.
import { describe, expect, it } from 'vitest';
import { parseXml } from '../apim/policy-xml';
import { createApimState, policyScope } from '../apim/state';
import { APIM, TENANT_ID, USERS } from './demo-tenant';
import { seedApim } from './apim-seed';
import { DEVELOPER_PRODUCT_API_IDS } from './test-support/demo-api-ids';

const urls = {
  authorityHost: 'https://localhost:1',
  graphEndpoint: 'https://localhost:2',
  armEndpoint: 'https://localhost:3',
  gatewayUrl: 'https://localhost:4',
};

describe('seedApim', () => {
  const state = createApimState();
  seedApim(state, { urls, tenantId: TENANT_ID });

  it('describes the demo service and its products', () => {
    expect(state.service).toMatchObject({
      subscriptionId: APIM.subscriptionId,
      resourceGroup: APIM.resourceGroup,
      name: APIM.serviceName,
      gatewayUrl: urls.gatewayUrl,
    });
    expect(state.productApis.get('developer')).toEqual(DEVELOPER_PRODUCT_API_IDS);
    expect(state.productApis.get('partners')).toEqual(['payments']);
    expect(state.products.get('partners')).toMatchObject({ subscriptionRequired: true, approvalRequired: true });
  });

  it('gives every API 5–15 described operations with unique templates per method', () => {
    for (const api of state.apis.values()) {
      const operations = [...(state.operations.get(api.id)?.values() ?? [])];
      expect(operations.length, api.id).toBeGreaterThanOrEqual(5);
      expect(operations.length, api.id).toBeLessThanOrEqual(15);
      const routes = operations.map((o) => `${o.method} ${o.urlTemplate}`);
      expect(new Set(routes).size, api.id).toBe(routes.length);
      for (const o of operations) expect(o.description, o.id).not.toBe('');
    }
  });

  it('protects operations the way the demo needs', () => {
    const deleteOrder = state.policies.get(policyScope.operation('orders', 'delete-order'))?.xml ?? '';
    expect(deleteOrder).toContain('<!-- roleport:begin -->');
    expect(deleteOrder).toMatch(/failed-validation-httpcode="403"[\s\S]*<value>Orders.Write<\/value>[\s\S]*<value>Orders.Admin<\/value>/);
    expect(state.policies.get(policyScope.operation('orders', 'purge-cancelled'))?.xml).not.toContain('Orders.Write');
    expect(state.policies.get(policyScope.operation('inventory', 'list-items'))?.xml).toContain('<choose>');
    expect(state.policies.get(policyScope.api('status'))).toBeUndefined();
    expect(state.policies.get(policyScope.api('legacy-billing'))?.xml).toContain('{{legacy-billing-audience}}');
    expect(state.namedValues.get('legacy-billing-audience')?.value).toBe('api://contoso-legacy-billing');
    for (const [scope, policy] of state.policies) expect(parseXml(policy.xml).ok, scope).toBe(true);
  });

  it('maps every demo user to an APIM user with its Entra oid; only Ben subscribes to partners', () => {
    for (const [key, user] of Object.entries(USERS)) expect(state.users.get(key)?.identities).toEqual([{ provider: 'aad', id: user.oid }]);
    const partners = [...state.subscriptions.values()].filter((s) => s.scope === '/products/partners');
    expect(partners.map((s) => [s.ownerId, s.state])).toEqual([['/users/ben', 'active']]);
  });
});

describe('generated catalog', () => {
  it('adds N APIs of M operations with per-operation role policies', () => {
    const state = createApimState();
    seedApim(state, { urls, tenantId: TENANT_ID, generated: { apis: 500, operations: 10 } });
    expect(state.apis.size).toBe(509);
    expect(state.apis.get('gen-api-0500')).toMatchObject({ path: 'gen/0500' });
    expect(state.operations.get('gen-api-0001')?.size).toBe(10);
    expect(state.policies.get(policyScope.operation('gen-api-0500', 'delete-accounts'))?.xml).toContain('<value>Orders.Admin</value>');
    expect(state.productApis.get('developer')).toHaveLength(508);
    const etags = new Set([...state.policies.values()].map((p) => p.etag));
    expect(etags.size).toBe(state.policies.size);
  });

  it('keeps routes unique when operations outnumber the CRUD templates', () => {
    const state = createApimState();
    seedApim(state, { urls, tenantId: TENANT_ID, generated: { apis: 1, operations: 130 } });
    const routes = [...(state.operations.get('gen-api-0001')?.values() ?? [])].map((o) => `${o.method} ${o.urlTemplate}`);
    expect(new Set(routes).size).toBe(130);
  });
});
