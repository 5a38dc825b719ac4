// Rule: the gateway enforces the seeded validate-jwt and role policies with real Entra tokens, and subscription keys like APIM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_SUBSCRIPTION_KEYS } from '../seed/apim-seed';
import { startEmulator, type RunningEmulator } from '../start';
import { callGateway, demoApiTokens, type DemoApiTokens } from '@/test/harness/gateway-calls';

let emulator: RunningEmulator;
let tokens: DemoApiTokens;
beforeAll(async () => {
  emulator = await startEmulator({ ports: { entra: 0, graph: 0, arm: 0, gateway: 0 } });
  tokens = await demoApiTokens(emulator.urls.authorityHost);
});
afterAll(async () => {
  await emulator?.stop();
});

const call = (method: string, path: string, options?: Parameters<typeof callGateway>[3]) =>
  callGateway(emulator.urls.gatewayUrl, method, path, options);

describe('token validation (Orders API, v2 tokens, Roleport role blocks)', () => {
  it('answers 401 without a token and with a bad one', async () => {
    const none = await call('GET', '/orders/orders/ord-1');
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ statusCode: 401, message: 'Unauthorized. Access token is missing or invalid.' });
    expect((await call('GET', '/orders/orders/ord-1', { token: 'not.a.jwt' })).status).toBe(401);
    expect((await call('GET', '/orders/orders/ord-1', { headers: { Authorization: `Basic ${tokens.benOrders}` } })).status).toBe(401);
    // A valid token for another API has the wrong audience.
    expect((await call('GET', '/orders/orders/ord-1', { token: tokens.benInventory })).status).toBe(401);
    const [header, payload] = (tokens.benOrders as string).split('.');
    expect((await call('GET', '/orders/orders/ord-1', { token: `${header}.${payload}.AAAA` })).status).toBe(401);
  });

  it('answers 403 when the role is missing and 200 with it, echoing the request without credentials', async () => {
    const ada = await call('GET', '/orders/orders/ord-1', { token: tokens.adaOrders });
    expect(ada.status).toBe(403);
    expect(ada.json).toEqual({ statusCode: 403, message: 'Forbidden. The caller lacks a required app role.' });
    const ben = await call('GET', '/orders/orders/ord-1?expand=lines', { token: tokens.benOrders, headers: { 'X-Request-Id': 'r-1' } });
    expect(ben.status).toBe(200);
    expect(ben.json).toMatchObject({
      method: 'GET',
      path: '/orders/ord-1',
      query: { expand: 'lines' },
      operationId: 'get-order',
      apiId: 'orders',
      body: null,
    });
    expect(ben.json.headers).toMatchObject({ 'x-request-id': 'r-1' });
    expect(ben.json.headers).not.toHaveProperty('authorization');
  });

  it('lets Orders.Write delete but not run admin operations', async () => {
    expect((await call('DELETE', '/orders/orders/ord-1', { token: tokens.benOrders })).status).toBe(200);
    const created = await call('POST', '/orders/orders', {
      token: tokens.benOrders,
      headers: { 'Content-Type': 'application/json' },
      body: '{"customerId":"cus-1"}',
    });
    expect(created.json).toMatchObject({ operationId: 'create-order', body: { customerId: 'cus-1' } });
    expect((await call('POST', '/orders/admin/purge', { token: tokens.benOrders })).status).toBe(403);
  });
});

describe('hand-written checks (Inventory API, v1 tokens)', () => {
  it('applies choose/when role checks with their return-response', async () => {
    expect((await call('GET', '/inventory/items', { token: tokens.benInventory })).status).toBe(200);
    const ada = await call('GET', '/inventory/items', { token: tokens.adaInventory });
    expect(ada.status).toBe(403);
    expect(ada.json).toEqual({ statusCode: 403, message: 'Forbidden. Missing role.' });
    expect((await call('PUT', '/inventory/items/SKU-1/reorder-point', { token: tokens.benInventory })).status).toBe(403);
  });

  it('applies required-claims at operation scope, and lets operations without a check through', async () => {
    expect((await call('POST', '/inventory/reservations', { token: tokens.benInventory })).status).toBe(403);
    expect((await call('GET', '/inventory/warehouses', { token: tokens.adaInventory })).status).toBe(200);
  });
});

describe('APIs without validation and with an unknown audience', () => {
  it('serves the status API without a token', async () => {
    expect((await call('GET', '/status/health')).json).toMatchObject({ operationId: 'get-health', apiId: 'status' });
  });

  it('rejects every token at legacy billing, whose audience matches no app', async () => {
    expect((await call('GET', '/billing/invoices', { token: tokens.benOrders })).status).toBe(401);
  });

  it('answers 404 for unknown routes and methods, in APIM’s body', async () => {
    expect(await call('GET', '/nothing/here')).toMatchObject({ status: 404, json: { statusCode: 404, message: 'Resource not found' } });
    expect((await call('PATCH', '/status/health')).status).toBe(404);
    expect((await call('GET', '/status/incidents/%E0%A4%A')).status).toBe(200);
  });
});

describe('subscription keys (Payments API in the partners product)', () => {
  it('requires a key, then checks it belongs to an active subscription covering the API', async () => {
    const missing = await call('GET', '/payments/payments', { token: tokens.benPayments });
    expect(missing.json).toEqual({
      statusCode: 401,
      message: 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
    });
    const invalid = await call('GET', '/payments/payments', {
      token: tokens.benPayments,
      headers: { 'Ocp-Apim-Subscription-Key': 'f'.repeat(32) },
    });
    expect(invalid.status).toBe(401);
    expect(invalid.json.message).toContain('invalid subscription key');
  });

  it('accepts the key in the header or the query, then runs the token and role checks', async () => {
    const viaHeader = await call('GET', '/payments/payments', {
      token: tokens.benPayments,
      headers: { 'Ocp-Apim-Subscription-Key': SEEDED_SUBSCRIPTION_KEYS.benPartners },
    });
    // Ben has the key but no Payments role.
    expect(viaHeader.status).toBe(403);
    const viaQuery = await call('GET', `/payments/payments?subscription-key=${SEEDED_SUBSCRIPTION_KEYS.benPartners}`);
    expect(viaQuery.status).toBe(401);
    expect(viaQuery.json.message).toBe('Unauthorized. Access token is missing or invalid.');
  });

  it('refuses a suspended subscription’s key', async () => {
    const state = emulator.apim as { subscriptions: Map<string, { state: string }> };
    const sub = state.subscriptions.get('ben-partners')!;
    sub.state = 'suspended';
    try {
      const res = await call('GET', '/payments/payments', {
        token: tokens.benPayments,
        headers: { 'Ocp-Apim-Subscription-Key': SEEDED_SUBSCRIPTION_KEYS.benPartners },
      });
      expect(res.status).toBe(401);
    } finally {
      sub.state = 'active';
    }
  });

  it('hides the key from the backend', async () => {
    const res = await call('GET', `/status/health?subscription-key=${SEEDED_SUBSCRIPTION_KEYS.master}`, {
      headers: { 'Ocp-Apim-Subscription-Key': SEEDED_SUBSCRIPTION_KEYS.master },
    });
    expect(res.status).toBe(200);
    expect(res.json.query).toEqual({});
    expect(res.json.headers).not.toHaveProperty('ocp-apim-subscription-key');
  });
});

describe('bad input', () => {
  it('answers an oversized body with 413 and keeps serving', async () => {
    const big = await call('POST', '/orders/orders', { token: tokens.benOrders, body: 'x'.repeat(5 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect((await call('GET', '/status/health')).status).toBe(200);
  });
});
