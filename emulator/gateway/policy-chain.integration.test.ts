// Rule: policies written through ARM run at the gateway in APIM's order (<base /> placement), and unsupported ones are reported, never ignored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RG, startArmFixture, SVC, type ArmFixture } from '@/test/harness/arm-fixture';
import { ORDERS_APP, TENANT_ID } from '../seed/demo-tenant';
import { callGateway, userToken } from '@/test/harness/gateway-calls';

let fx: ArmFixture;
let adaDeveloperKey = '';
beforeAll(async () => {
  fx = await startArmFixture();
  // A key for the open `developer` product makes its product policy part of the chain.
  await fx.client.subscription.createOrUpdate(RG, SVC, 'ada-developer', {
    ownerId: '/users/ada',
    scope: '/products/developer',
    displayName: 'Ada – Developer',
    state: 'active',
  });
  adaDeveloperKey = (await fx.client.subscription.listSecrets(RG, SVC, 'ada-developer')).primaryKey!;
});
afterAll(async () => {
  await fx?.stop();
});

const TAIL = '<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error>';
const append = (value: string) => `<set-header name="X-Chain" exists-action="append"><value>${value}</value></set-header>`;
const put = {
  global: (inbound: string) =>
    fx.client.policy.createOrUpdate(RG, SVC, 'policy', {
      value: `<policies><inbound>${inbound}</inbound><backend><forward-request /></backend><outbound /><on-error /></policies>`,
      format: 'rawxml',
    }),
  product: (inbound: string) =>
    fx.client.productPolicy.createOrUpdate(RG, SVC, 'developer', 'policy', {
      value: `<policies><inbound>${inbound}</inbound>${TAIL}</policies>`,
      format: 'rawxml',
    }),
  api: (inbound: string) =>
    fx.client.apiPolicy.createOrUpdate(RG, SVC, 'status', 'policy', {
      value: `<policies><inbound>${inbound}</inbound>${TAIL}</policies>`,
      format: 'rawxml',
    }),
  operation: (inbound: string, operation = 'get-health') =>
    fx.client.apiOperationPolicy.createOrUpdate(RG, SVC, 'status', operation, 'policy', {
      value: `<policies><inbound>${inbound}</inbound>${TAIL}</policies>`,
      format: 'rawxml',
    }),
};
const call = (path: string, headers: Record<string, string> = {}) => callGateway(fx.emulator.urls.gatewayUrl, 'GET', path, { headers });
const chainOf = (reply: { json: Record<string, unknown> }) => (reply.json.headers as Record<string, string>)['x-chain'];

describe('<base /> placement', () => {
  it('runs global → product → API → operation where each <base /> stands', async () => {
    await put.global(append('global'));
    await put.product(`${append('product')}<base />`);
    await put.api(`<base />${append('api')}`);
    await put.operation(`${append('operation')}<base />`);
    const withProduct = await call('/status/health', { 'Ocp-Apim-Subscription-Key': adaDeveloperKey });
    expect(withProduct.status).toBe(200);
    expect(chainOf(withProduct)).toBe('operation,product,global,api');
    // Without a key no product applies, as on APIM.
    expect(chainOf(await call('/status/health'))).toBe('operation,global,api');
  });

  it('cuts the enclosing scopes off when a scope leaves <base /> out', async () => {
    await put.operation(append('operation-only'));
    expect(chainOf(await call('/status/health', { 'Ocp-Apim-Subscription-Key': adaDeveloperKey }))).toBe('operation-only');
  });
});

describe('supported policies', () => {
  it('substitutes named values', async () => {
    await put.operation(`<base /><set-header name="X-Tenant" exists-action="override"><value>{{tenant-id}}</value></set-header>`);
    expect(((await call('/status/health')).json.headers as Record<string, string>)['x-tenant']).toBe(TENANT_ID);
  });

  it('checks headers with check-header', async () => {
    await put.operation(
      '<base /><check-header name="X-Client" failed-check-httpcode="400" failed-check-error-message="Unknown client" ignore-case="true"><value>portal</value></check-header>',
    );
    expect((await call('/status/health')).json).toEqual({ statusCode: 400, message: 'Unknown client' });
    expect((await call('/status/health', { 'X-Client': 'CLI' })).status).toBe(400);
    expect((await call('/status/health', { 'X-Client': 'Portal' })).status).toBe(200);
  });

  it('evaluates whitelisted choose conditions, set-variable and return-response', async () => {
    await put.operation(
      '<base /><set-variable name="mode" value="strict" />' +
        '<choose><when condition="@(context.Request.Headers.GetValueOrDefault("X-Mode", "") == "teapot" && (string)context.Variables["mode"] == "strict")">' +
        '<return-response><set-status code="418" reason="Teapot" /><set-header name="X-Why" exists-action="override"><value>mode</value></set-header><set-body>short and stout</set-body></return-response>' +
        '</when><otherwise><set-header name="X-Branch" exists-action="override"><value>otherwise</value></set-header></otherwise></choose>',
    );
    const res = await fetch(`${fx.emulator.urls.gatewayUrl}/status/health`, { headers: { 'X-Mode': 'teapot' } });
    expect(res.status).toBe(418);
    expect(res.headers.get('x-why')).toBe('mode');
    expect(await res.text()).toBe('short and stout');
    expect(((await call('/status/health')).json.headers as Record<string, string>)['x-branch']).toBe('otherwise');
  });

  it('accepts rate-limit as a no-op and says so in a response header', async () => {
    await put.operation('<base /><rate-limit calls="5" renewal-period="60" />');
    const reply = await call('/status/health');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-emulator-ignored-policies')).toBe('rate-limit');
  });
});

describe('validate-jwt options', () => {
  it('reads the token from a query parameter and splits a claim on its separator', async () => {
    await put.operation(
      '<base /><validate-jwt query-parameter-name="token" output-token-variable-name="jwt">' +
        '<openid-config url="{{entra-openid-config-url}}" /><audiences><audience>{{orders-client-id}}</audience></audiences>' +
        '<required-claims><claim name="scp" separator=" " match="all"><value>user_impersonation</value></claim></required-claims>' +
        '</validate-jwt>' +
        '<choose><when condition="@(((Jwt)context.Variables["jwt"]).Claims.GetValueOrDefault("roles", "").Split(\',\').Contains("Orders.Write"))">' +
        '<set-header name="X-Writer" exists-action="override"><value>yes</value></set-header></when></choose>',
    );
    const token = await userToken(fx.emulator.urls.authorityHost, 'ben', ORDERS_APP.identifierUri);
    expect((await call('/status/health')).json).toEqual({ statusCode: 401, message: 'Invalid JWT.' });
    const ok = await call(`/status/health?token=${token}`);
    expect(ok.status).toBe(200);
    expect((ok.json.headers as Record<string, string>)['x-writer']).toBe('yes');
  });
});

describe('unsupported policies', () => {
  it('fails the call with 500 naming the element', async () => {
    await put.operation('<base /><mock-response status-code="200" />');
    expect((await call('/status/health')).json).toEqual({
      statusCode: 500,
      message: "Unsupported policy element 'mock-response' in inbound (operation 'get-health' scope).",
    });
  });

  it('fails the call with 500 naming an expression outside the whitelist', async () => {
    await put.operation('<base /><choose><when condition="@(DateTime.UtcNow.Hour > 12)"><return-response /></when></choose>');
    const reply = await call('/status/health');
    expect(reply.status).toBe(500);
    expect(reply.json.message).toContain('DateTime.UtcNow.Hour > 12');
  });

  it('reports a role check on a token no validate-jwt produced', async () => {
    await put.operation(
      '<base /><choose><when condition="@(!((Jwt)context.Variables["jwt"]).Claims.GetValueOrDefault("roles", "").Split(\',\').Contains("X"))"><return-response><set-status code="403" /></return-response></when></choose>',
    );
    const reply = await call('/status/health');
    expect(reply.status).toBe(500);
    expect(reply.json.message).toContain("variable 'jwt' was not found");
  });
});
