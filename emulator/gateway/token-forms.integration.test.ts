// Rule: the gateway enforces validate-azure-ad-token (tenant, issuer forms, audiences, callers, claims) and runs included fragments, failing when one is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RG, startArmFixture, SVC, type ArmFixture } from '@/test/harness/arm-fixture';
import { ORDERS_APP, TENANT_DOMAIN, USERS } from '../seed/demo-tenant';
import { callGateway, demoApiTokens, type DemoApiTokens } from '@/test/harness/gateway-calls';

let fx: ArmFixture;
let tokens: DemoApiTokens;
beforeAll(async () => {
  fx = await startArmFixture();
  const sp = ORDERS_APP.servicePrincipalId;
  expect(fx.emulator.directory.assign(USERS.ada.oid, sp, ORDERS_APP.roles['Orders.Admin']!).ok).toBe(true);
  tokens = await demoApiTokens(fx.emulator.urls.authorityHost);
});
afterAll(async () => {
  await fx?.stop();
});

const call = (method: string, path: string, token?: string) => callGateway(fx.emulator.urls.gatewayUrl, method, path, { token });
const TAIL = '<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error>';

describe('validate-azure-ad-token (Deliveries API)', () => {
  it('needs a token for the backend app from the listed client, and says why it refuses', async () => {
    expect((await call('GET', '/deliveries/deliveries')).json).toEqual({ statusCode: 401, message: 'JWT not present.' });
    expect((await call('GET', '/deliveries/deliveries', tokens.benOrders)).status).toBe(200);
    // A valid token of the tenant, but for another API: wrong audience.
    expect((await call('GET', '/deliveries/deliveries', tokens.benPayments)).json).toEqual({ statusCode: 401, message: 'Invalid JWT.' });
  });

  it('enforces required-claims at operation scope (403 from the policy) and lets the role holder through', async () => {
    expect((await call('DELETE', '/deliveries/deliveries/dl-1', tokens.benOrders)).json).toEqual({
      statusCode: 403,
      message: 'Forbidden. Orders.Admin only.',
    });
    expect((await call('DELETE', '/deliveries/deliveries/dl-1', tokens.adaOrders)).status).toBe(200);
  });

  const putDeliveriesPolicy = (attributes: string, children: string) =>
    fx.client.apiPolicy.createOrUpdate(RG, SVC, 'deliveries', 'policy', {
      value: `<policies><inbound><base /><validate-azure-ad-token ${attributes}>${children}</validate-azure-ad-token></inbound>${TAIL}</policies>`,
      format: 'rawxml',
    });

  it('accepts the v1 issuer (sts.windows.net) for v1 tokens, resolves a tenant domain, and checks appid against callers', async () => {
    // Inventory tokens are v1: iss https://sts.windows.net/{tid}/, aud = App ID URI, appid instead of azp.
    await putDeliveriesPolicy(
      `tenant-id="${TENANT_DOMAIN}"`,
      '<client-application-ids><application-id>{{roleport-client-id}}</application-id></client-application-ids>' +
        '<audiences><audience>{{inventory-app-id-uri}}</audience></audiences>',
    );
    expect((await call('GET', '/deliveries/deliveries', tokens.benInventory)).status).toBe(200);
    expect((await call('GET', '/deliveries/deliveries', tokens.benOrders)).status).toBe(401);
    await putDeliveriesPolicy(
      'tenant-id="{{tenant-id}}"',
      '<client-application-ids><application-id>00000000-0000-0000-0000-00000000c11e</application-id></client-application-ids>' +
        '<audiences><audience>{{inventory-app-id-uri}}</audience></audiences>',
    );
    expect((await call('GET', '/deliveries/deliveries', tokens.benInventory)).status).toBe(401);
  });

  it('refuses every token for another tenant', async () => {
    await putDeliveriesPolicy(
      'tenant-id="11111111-2222-3333-4444-555555555555"',
      '<audiences><audience>{{orders-client-id}}</audience></audiences>',
    );
    expect((await call('GET', '/deliveries/deliveries', tokens.benOrders)).status).toBe(401);
    await putDeliveriesPolicy('tenant-id="{{tenant-id}}"', '<audiences><audience>{{orders-client-id}}</audience></audiences>');
    expect((await call('GET', '/deliveries/deliveries', tokens.benOrders)).status).toBe(200);
  });
});

describe('include-fragment (Stock Alerts API)', () => {
  it('runs the fragment where it is included: authentication at API scope, roles at operation scope', async () => {
    expect((await call('GET', '/stock-alerts/alerts')).status).toBe(401);
    expect((await call('GET', '/stock-alerts/alerts', tokens.benOrders)).status).toBe(401);
    expect((await call('GET', '/stock-alerts/alerts', tokens.adaInventory)).status).toBe(200);
    expect((await call('POST', '/stock-alerts/alerts/a-1/acknowledge', tokens.adaInventory)).json).toEqual({
      statusCode: 403,
      message: 'Forbidden. Inventory writers only.',
    });
  });

  it('follows a fragment edited through ARM on the next call', async () => {
    await fx.client.policyFragment.beginCreateOrUpdateAndWait(RG, SVC, 'inventory-writers-only', {
      format: 'rawxml',
      value:
        '<fragment><validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="403">' +
        '<openid-config url="{{entra-openid-config-url}}" /><issuers><issuer>{{entra-issuer-v1}}</issuer></issuers><required-claims><claim name="roles" match="any"><value>Inventory.Read</value></claim></required-claims>' +
        '</validate-jwt></fragment>',
    });
    // Ben holds Inventory.Read through a group; Ada holds nothing.
    expect((await call('POST', '/stock-alerts/alerts/a-1/acknowledge', tokens.benInventory)).status).toBe(200);
    expect((await call('POST', '/stock-alerts/alerts/a-1/acknowledge', tokens.adaInventory)).status).toBe(403);
  });

  it('fails the call (500) when an included fragment has gone, never skipping its checks', async () => {
    const apim = fx.emulator.apim!;
    const saved = apim.policyFragments.get('entra-inventory-auth')!;
    apim.policyFragments.delete('entra-inventory-auth');
    try {
      const reply = await call('GET', '/stock-alerts/alerts', tokens.adaInventory);
      expect(reply.status).toBe(500);
      expect(String(reply.json.message)).toContain("'entra-inventory-auth'");
    } finally {
      apim.policyFragments.set('entra-inventory-auth', saved);
    }
  });
});
