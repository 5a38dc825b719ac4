// Rule: the studio reuses the token check an API already has for its app (either form, directly or through a fragment), keeps its named values, and adds its own check only when none exists, with the issuer the app's token version produces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callGateway, userToken } from '@/test/harness/gateway-calls';
import { INVENTORY_APP, ORDERS_APP, TENANT_ID, USERS } from '../../emulator/seed/demo-tenant';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { writePolicy } from '@/lib/azure/apim/write-policies';
import { syncCatalog } from '@/lib/catalog/sync-catalog';
import { applyRoleMap } from './apply-role-map';
import { previewRoleMap } from './preview-plan';
import { readCurrentPolicies } from './read-current';

let env: PortalTestEnv;
const PRIYA = { oid: USERS.priya.oid, name: 'Priya Natarajan', isAdmin: true };
const TAIL = '<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error>';

beforeAll(async () => {
  env = await startPortalTestEnv();
  await syncCatalog(env.db);
  // Ada reads orders; Ben reads inventory through the Inventory Readers group.
  expect(env.emulator.directory.assign(USERS.ada.oid, ORDERS_APP.servicePrincipalId, ORDERS_APP.roles['Orders.Read']!).ok).toBe(true);
});
afterAll(async () => env?.close());

async function status(user: 'ada' | 'ben', resource: string, method: string, path: string): Promise<number> {
  const token = await userToken(env.emulator.urls.authorityHost, user, resource);
  return (await callGateway(env.emulator.urls.gatewayUrl, method, path, { token })).status;
}

async function applyMap(apiId: string, map: Record<string, string[]>) {
  const preview = await previewRoleMap(env.db, PRIYA, { apiId, map });
  const outcome = await applyRoleMap(env.db, PRIYA, { apiId, map, etags: preview.etags });
  expect(outcome.failed).toBeUndefined();
  return preview;
}

describe('an API that validates tokens with validate-azure-ad-token (Deliveries)', () => {
  it('writes the role check as validate-azure-ad-token with the same named values and leaves the API scope alone', async () => {
    const before = await readCurrentPolicies('deliveries', ['get-delivery']);
    const preview = await applyMap('deliveries', { 'get-delivery': ['Orders.Read'] });
    expect(preview.changes.map((c) => c.scope)).toEqual(['operation:get-delivery']);
    expect(preview.changes[0]?.reason).toContain('validate-azure-ad-token at API scope');
    const after = await readCurrentPolicies('deliveries', ['get-delivery']);
    expect(after.api).toEqual(before.api);
    const xml = after.operations['get-delivery']!.xml;
    expect(xml).toContain('<validate-azure-ad-token tenant-id="{{tenant-id}}"');
    expect(xml).toContain('<application-id>{{roleport-client-id}}</application-id>');
    expect(xml).not.toContain('<validate-jwt');
    expect(xml).not.toContain(TENANT_ID);
    expect(await status('ada', ORDERS_APP.identifierUri, 'GET', '/deliveries/deliveries/dl-1')).toBe(200);
    expect(await status('ben', ORDERS_APP.identifierUri, 'GET', '/deliveries/deliveries/dl-1')).toBe(403);
  });
});

describe('an API that validates tokens through a policy fragment (Stock Alerts)', () => {
  it('sees the check inside the fragment, adds none of its own, and copies its settings into the role check', async () => {
    const before = await readCurrentPolicies('stock-alerts', ['list-alerts']);
    const preview = await applyMap('stock-alerts', { 'list-alerts': ['Inventory.Read'] });
    expect(preview.changes.map((c) => c.scope)).toEqual(['operation:list-alerts']);
    expect(preview.changes[0]?.reason).toContain('policy fragment entra-inventory-auth');
    const after = await readCurrentPolicies('stock-alerts', ['list-alerts']);
    expect(after.api).toEqual(before.api);
    const xml = after.operations['list-alerts']!.xml;
    expect(xml).toContain('<issuer>{{entra-issuer-v1}}</issuer>');
    expect(xml).toContain('<audience>{{inventory-app-id-uri}}</audience>');
    expect(await status('ben', INVENTORY_APP.identifierUri, 'GET', '/stock-alerts/alerts')).toBe(200);
    expect(await status('ada', INVENTORY_APP.identifierUri, 'GET', '/stock-alerts/alerts')).toBe(403);
  });
});

describe('an API without a check for its app (Inventory, v1 tokens)', () => {
  it("adds Roleport's own token check, says why, and accepts the v1 issuer the app's tokens carry", async () => {
    const current = await readCurrentPolicies('inventory', []);
    await writePolicy(
      { kind: 'api', apiId: 'inventory' },
      `<policies><inbound><base /><set-header name="X-Api" exists-action="override"><value>inventory</value></set-header></inbound>${TAIL}</policies>`,
      current.api?.etag,
    );
    const preview = await applyMap('inventory', { 'list-items': ['Inventory.Read'] });
    expect(preview.changes.map((c) => c.scope)).toEqual(['operation:list-items', 'api']);
    expect(preview.changes[1]?.reason).toMatch(/^No validate-jwt or validate-azure-ad-token in force/);
    const api = (await readCurrentPolicies('inventory', [])).api!.xml;
    expect(api).toContain(`<issuer>https://sts.windows.net/${TENANT_ID}/</issuer>`);
    expect(api).not.toContain('/v2.0</issuer>');
    expect(await status('ben', INVENTORY_APP.identifierUri, 'GET', '/inventory/items')).toBe(200);
    expect(await status('ada', INVENTORY_APP.identifierUri, 'GET', '/inventory/items')).toBe(403);
  });

  it("removes Roleport's own check once the API has one of its own for the app", async () => {
    const current = await readCurrentPolicies('inventory', []);
    const own =
      '<validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="401">' +
      '<openid-config url="{{entra-openid-config-url}}" /><audiences><audience>{{inventory-app-id-uri}}</audience></audiences>' +
      '<issuers><issuer>{{entra-issuer-v1}}</issuer></issuers></validate-jwt>';
    await writePolicy({ kind: 'api', apiId: 'inventory' }, current.api!.xml.replace('<base />', `<base />${own}`), current.api?.etag);
    const preview = await previewRoleMap(env.db, PRIYA, { apiId: 'inventory', map: { 'list-items': ['Inventory.Read'] } });
    const api = preview.changes.find((c) => c.scope === 'api');
    expect(api?.reason).toMatch(/already validates tokens for the mapped app with its own validate-jwt at API scope/);
    expect(api?.rows.some((r) => r.kind === 'removed' && r.left?.includes('roleport:begin'))).toBe(true);
  });
});
