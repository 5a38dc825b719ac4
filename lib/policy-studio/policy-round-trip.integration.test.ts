// Rule: applying a role map and rolling it back leaves every scope byte-identical when read as rawxml, and the gateway evaluates the API's expressions exactly as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callGateway, userToken } from '@/test/harness/gateway-calls';
import { APIM, ORDERS_APP, PORTAL_APP, TENANT_ID, USERS } from '../../emulator/seed/demo-tenant';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { syncCatalog } from '@/lib/catalog/sync-catalog';
import { applyRoleMap } from './apply-role-map';
import { previewRoleMap } from './preview-plan';
import { rollbackBatch } from './rollback-batch';

let env: PortalTestEnv;
const PRIYA = { oid: USERS.priya.oid, name: 'Priya Natarajan', isAdmin: true };
const MAP = { 'delete-order': ['Orders.Admin'], 'list-orders': ['Orders.Read'] };
const SERVICE = `/subscriptions/${APIM.subscriptionId}/resourceGroups/${APIM.resourceGroup}/providers/Microsoft.ApiManagement/service/${APIM.serviceName}`;

beforeAll(async () => {
  env = await startPortalTestEnv();
  await syncCatalog(env.db);
});
afterAll(async () => env?.close());

/** Reads a scope as rawxml straight from ARM (plain HTTPS, independent of the code under test). */
async function readRaw(path: string): Promise<string | null> {
  const tokenResponse = await fetch(`${env.emulator.urls.authorityHost}/${TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: PORTAL_APP.appId,
      client_secret: PORTAL_APP.clientSecret,
      scope: 'https://management.azure.com/.default',
    }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(`${env.emulator.urls.armEndpoint}${SERVICE}${path}/policies/policy?api-version=2024-05-01&format=rawxml`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (response.status === 404) return null;
  return ((await response.json()) as { properties: { value: string } }).properties.value;
}

async function snapshot(): Promise<Record<string, string | null>> {
  const scopes = ['/apis/orders', ...Object.keys(MAP).map((id) => `/apis/orders/operations/${id}`), '/apis/orders/operations/get-order'];
  return Object.fromEntries(await Promise.all(scopes.map(async (scope) => [scope, await readRaw(scope)] as const)));
}

/** What the gateway does with the API-scope expressions: a CDATA answer, CORS, a send-request before a delete. */
async function behaviour() {
  const gateway = env.emulator.urls.gatewayUrl;
  const token = await userToken(env.emulator.urls.authorityHost, 'olivia', ORDERS_APP.identifierUri);
  const blocked = await callGateway(gateway, 'GET', '/orders/orders/ord-10042', { token, headers: { 'X-Env': 'blocked' } });
  const origin = 'https://shop.contoso.com';
  const preflight = await fetch(`${gateway}/orders/orders/ord-10042`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'authorization,x-env' },
  });
  const cross = await callGateway(gateway, 'GET', '/orders/orders/ord-10042', { token, headers: { Origin: origin } });
  const prodDelete = await callGateway(gateway, 'DELETE', '/orders/orders/ord-10042', { token, headers: { 'X-Env': 'prod' } });
  return {
    blocked: { status: blocked.status, message: blocked.json.message },
    preflight: { status: preflight.status, allowOrigin: preflight.headers.get('access-control-allow-origin') },
    cross: { status: cross.status, allowOrigin: cross.headers.get('access-control-allow-origin'), env: headerOf(cross.json, 'x-env') },
    prodDelete: prodDelete.status,
  };
}

const headerOf = (echo: Record<string, unknown>, name: string) => (echo.headers as Record<string, string> | undefined)?.[name];

describe('a role map applied to the Orders API, whose API policy is full of expressions, then rolled back', () => {
  it('keeps the expressions working while applied and restores every scope byte for byte', async () => {
    expect(env.emulator.directory.assign(USERS.olivia.oid, ORDERS_APP.servicePrincipalId, ORDERS_APP.roles['Orders.Admin']!).ok).toBe(true);
    const before = await snapshot();
    const expected = await behaviour();
    expect(expected).toEqual({
      blocked: { status: 451, message: 'Orders are unavailable in this environment & region <see runbook>.' },
      preflight: { status: 200, allowOrigin: 'https://shop.contoso.com' },
      cross: { status: 200, allowOrigin: 'https://shop.contoso.com', env: 'test' },
      prodDelete: 200,
    });

    const preview = await previewRoleMap(env.db, PRIYA, { apiId: 'orders', map: MAP });
    // The API scope validates Orders tokens itself, so the studio leaves it alone and writes the operations only.
    expect(preview.changes.map((c) => c.scope)).toEqual(['operation:delete-order', 'operation:list-orders']);
    const applied = await applyRoleMap(env.db, PRIYA, { apiId: 'orders', map: MAP, etags: preview.etags });
    expect(applied.failed).toBeUndefined();
    // The admin's own text around Roleport's block is untouched while the change is applied.
    const during = await readRaw('/apis/orders');
    expect(during).toBe(before['/apis/orders']);
    expect(during).toContain('GetValueOrDefault("X-Env","") == "prod" && context.Request.Method == "DELETE"');
    expect(during).toContain('<![CDATA[{"statusCode":451,');
    expect(await behaviour()).toEqual(expected);

    const rolledBack = await rollbackBatch(env.db, PRIYA, applied.batchId!);
    expect(rolledBack.failed).toBeUndefined();
    expect(await snapshot()).toEqual(before);
    expect(await behaviour()).toEqual(expected);
  });
});
