// Rule: Roleport's own ARM and Graph tokens are for the configured cloud's resources, never the public cloud's constants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { ORDERS_APP } from '../../emulator/seed/demo-tenant';
import { getIndexedApp } from '@/lib/catalog/read-index';
import { syncCatalog } from '@/lib/catalog/sync-catalog';
import { getConfig } from '@/lib/env';

let env: PortalTestEnv;

beforeAll(async () => {
  // The emulator stands in for the US Government cloud: ARM and Graph accept only that cloud's audiences.
  env = await startPortalTestEnv({ emulator: { cloud: 'AzureUSGovernment' } });
});
afterAll(async () => env?.close());

describe('a US Government cloud configuration', () => {
  it('requests management.usgovcloudapi.net and graph.microsoft.us tokens, so the catalog syncs through the real SDKs', async () => {
    expect(getConfig().cloud).toMatchObject({
      armScope: 'https://management.usgovcloudapi.net/.default',
      graphScope: 'https://graph.microsoft.us/.default',
    });
    const report = await syncCatalog(env.db);
    expect(report.status).toBe('succeeded');
    expect(report.failedApis).toEqual([]);
    const app = await getIndexedApp(env.db, ORDERS_APP.appId);
    expect(app?.appRoles.map((r) => r.value)).toContain('Orders.Write');
  });

  it("is refused by that cloud's ARM with a public-cloud token", async () => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: env.emulator.connection.portal.clientId,
      client_secret: env.emulator.connection.portal.clientSecret,
      scope: 'https://management.azure.com/.default',
    });
    const token = await fetch(`${env.emulator.urls.authorityHost}/${env.emulator.connection.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: form,
    });
    // The public ARM resource does not exist in that cloud's directory.
    expect(((await token.json()) as { error_codes: number[] }).error_codes).toEqual([500011]);
  });
});
