// Rule: with AZURE_APP_CREDENTIAL=managed-identity, Roleport's own ARM and Graph calls run as the host's managed identity through its IDENTITY_ENDPOINT, by configuration alone.
import { ManagedIdentityCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { useAzureModeEnv } from '@/test/harness/azure-mode-env';
import { ORDERS_APP } from '@/emulator/seed/demo-tenant';
import { appCredential } from '@/lib/azure/identity/app-credential';
import { getIndexedApp } from '@/lib/catalog/read-index';
import { syncCatalog } from '@/lib/catalog/sync-catalog';
import { getConfig } from '@/lib/env';

let env: PortalTestEnv;

beforeAll(async () => {
  env = await startPortalTestEnv();
  const mi = env.emulator.managedIdentity;
  // What App Service and Container Apps set for an app with a managed identity, plus Roleport's own two settings.
  useAzureModeEnv(env.emulator, {
    AZURE_APP_CREDENTIAL: 'managed-identity',
    AZURE_MANAGED_IDENTITY_CLIENT_ID: mi.clientId,
    IDENTITY_ENDPOINT: mi.endpoint,
    IDENTITY_HEADER: mi.header,
  });
});
afterAll(async () => {
  delete process.env.IDENTITY_ENDPOINT;
  delete process.env.IDENTITY_HEADER;
  await env?.close();
});

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

describe('Roleport on a host with a managed identity', () => {
  it('gets its ARM and Graph tokens from the host endpoint, as the managed identity', async () => {
    expect(getConfig()).toMatchObject({ mode: 'azure', appCredential: 'managed-identity' });
    const arm = await appCredential().getToken(getConfig().cloud.armScope);
    const graph = await appCredential().getToken(getConfig().cloud.graphScope);
    expect(claimsOf(arm!.token)).toMatchObject({
      oid: env.emulator.managedIdentity.principalId,
      appid: env.emulator.managedIdentity.clientId,
    });
    expect(claimsOf(graph!.token).roles).toContain('Application.Read.All');
  });

  it("syncs the catalog through ARM and Graph with no help from the app registration's secret", async () => {
    // Take every permission away from the app registration: only the managed identity's grants can make this work.
    const res = await fetch(`${env.emulator.urls.authorityHost}/_emulator/permissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ graph: [], arm: [] }),
    });
    expect(res.status).toBe(200);
    const report = await syncCatalog(env.db);
    expect(report.status).toBe('succeeded');
    expect(report.failedApis).toEqual([]);
    expect((await getIndexedApp(env.db, ORDERS_APP.appId))?.appRoles.map((r) => r.value)).toContain('Orders.Write');
  });

  it('answers only a caller holding the host secret, at api-version 2019-08-01, for an identity attached to the host', async () => {
    const mi = env.emulator.managedIdentity;
    const ask = (query: string, header?: string) =>
      fetch(`${mi.endpoint}?${query}`, { headers: header === undefined ? {} : { 'X-IDENTITY-HEADER': header } });
    const good = `resource=${encodeURIComponent('https://management.azure.com')}&api-version=2019-08-01&client_id=${mi.clientId}`;
    expect((await ask(good)).status).toBe(401);
    expect((await ask(good, 'not-the-host-secret')).status).toBe(401);
    expect((await ask(good.replace('2019-08-01', '2017-09-01'), mi.header)).status).toBe(400);
    // No system-assigned identity on the emulated host, and another app's client id is not an identity of this host.
    expect((await ask(good.replace(/&client_id=.*/, ''), mi.header)).status).toBe(400);
    expect((await ask(good.replace(mi.clientId, ORDERS_APP.appId), mi.header)).status).toBe(400);
    const ok = await ask(good, mi.header);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: 'Bearer', client_id: mi.clientId, expires_on: expect.stringMatching(/^\d+$/) });
  });

  it('gets no token for a client id that is not an identity of the host', async () => {
    const credential = new ManagedIdentityCredential({ clientId: ORDERS_APP.appId });
    await expect(credential.getToken('https://ossrdbms-aad.database.windows.net/.default')).rejects.toThrow();
  });
});
