// Rule: the gateway runs the policy of the product the caller's own key belongs to, whichever product lists the API first, and no
// product policy for a key scoped to the API or to all APIs (APIM: "Subscriptions in Azure API Management", scope of a subscription).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkProduct, putPolicy } from '../apim/catalog-writer';
import { policyScope } from '../apim/state';
import type { ApimState, SubscriptionRecord } from '../apim/types';
import { startEmulator, type RunningEmulator } from '../start';
import { callGateway } from '@/test/harness/gateway-calls';

let emulator: RunningEmulator;
const KEYS = { bronze: 'b'.repeat(32), gold: '9'.repeat(32), api: '7'.repeat(32) };

function subscription(id: string, scope: string, key: string): SubscriptionRecord {
  return {
    id,
    ownerId: '/users/ben',
    scope,
    displayName: id,
    state: 'active',
    primaryKey: key,
    secondaryKey: key.replace(/./g, 'e'),
    createdDate: '2026-10-01T09:00:00.000Z',
    allowTracing: false,
  };
}

beforeAll(async () => {
  emulator = await startEmulator({ ports: { entra: 0, graph: 0, arm: 0, gateway: 0 } });
  const state = emulator.apim as ApimState;
  const others = new Map(state.productApis);
  state.productApis.clear();
  for (const tier of ['bronze', 'gold'] as const) {
    state.products.set(tier, {
      id: tier,
      displayName: tier,
      description: '',
      subscriptionRequired: true,
      approvalRequired: false,
      state: 'published',
      terms: '',
    });
    linkProduct(state, tier, 'status');
    putPolicy(
      state,
      policyScope.product(tier),
      `<policies><inbound><base /><set-header name="X-Tier" exists-action="override"><value>${tier}</value></set-header></inbound>` +
        '<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>',
    );
  }
  for (const [id, apis] of others) state.productApis.set(id, apis);
  state.subscriptions.set('ben-bronze', subscription('ben-bronze', '/products/bronze', KEYS.bronze));
  state.subscriptions.set('ben-gold', subscription('ben-gold', '/products/gold', KEYS.gold));
  state.subscriptions.set('ben-status', subscription('ben-status', '/apis/status', KEYS.api));
});
afterAll(async () => emulator?.stop());

async function tierSeen(key: string): Promise<unknown> {
  const reply = await callGateway(emulator.urls.gatewayUrl, 'GET', '/status/health', { headers: { 'Ocp-Apim-Subscription-Key': key } });
  expect(reply.status).toBe(200);
  return (reply.json.headers as Record<string, unknown>)['x-tier'];
}

describe('product policy per subscription', () => {
  it('applies the gold product’s policy to a gold key although bronze lists the API first', async () => {
    expect(await tierSeen(KEYS.gold)).toBe('gold');
    expect(await tierSeen(KEYS.bronze)).toBe('bronze');
  });

  it('applies no product policy to a key scoped to the API itself', async () => {
    expect(await tierSeen(KEYS.api)).toBeUndefined();
  });
});
