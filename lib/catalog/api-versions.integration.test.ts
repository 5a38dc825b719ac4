// Rule: the catalog sync reads APIM version sets, so each version is indexed with how callers name it, and the console calls the
// version the user picked: by path segment, query parameter or header, as the gateway routes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { addQueryAndHeaderVersionSets } from '@/test/harness/versioned-apis';
import type { ApimState } from '../../emulator/apim/types';
import { userToken } from '@/test/harness/gateway-calls';
import { PORTAL_APP, USERS } from '../../emulator/seed/demo-tenant';
import { runConsoleCall } from '@/lib/console/console-call';
import { getIndexedApi } from './read-index';
import { syncCatalog, syncOneApi } from './sync-catalog';

let env: PortalTestEnv;
beforeAll(async () => {
  env = await startPortalTestEnv();
  addQueryAndHeaderVersionSets(env.emulator.apim as ApimState);
  await syncCatalog(env.db);
});
afterAll(async () => env?.close());

function call(apiId: string, operationId: string, template: Record<string, string> = {}) {
  return runConsoleCall(
    env.db,
    { oid: USERS.ben.oid, upn: USERS.ben.userPrincipalName },
    { apiId, operationId, template, query: {}, headers: {} },
    {
      userAssertion: () => userToken(env.emulator.urls.authorityHost, 'ben', PORTAL_APP.identifierUri),
    },
  );
}

describe('versioned APIs in the catalog', () => {
  it('indexes each version with its set and scheme, and the Segment version in the base URL', async () => {
    const v2 = await getIndexedApi(env.db, 'shipments-v2');
    expect(v2?.version).toEqual({ setId: 'shipments', setName: 'Shipments API', scheme: 'Segment', selector: null, value: 'v2' });
    expect(v2?.gatewayBaseUrl).toBe(`${env.emulator.urls.gatewayUrl}/shipping/v2`);
    expect((await getIndexedApi(env.db, 'reports-2025'))?.version).toMatchObject({ scheme: 'Query', selector: 'api-version' });
    expect((await getIndexedApi(env.db, 'ledger-original'))?.version).toMatchObject({ scheme: 'Header', value: '' });
    expect((await getIndexedApi(env.db, 'orders'))?.version).toBeUndefined();
  });

  it('keeps the version when one API is refreshed alone', async () => {
    await syncOneApi(env.db, 'shipments-v1');
    expect((await getIndexedApi(env.db, 'shipments-v1'))?.gatewayBaseUrl).toBe(`${env.emulator.urls.gatewayUrl}/shipping/v1`);
  });
});

describe('the console calls the chosen version', () => {
  it('puts a Segment version in the path', async () => {
    const outcome = await call('shipments-v2', 'get-tracking', { id: 'shp-1' });
    expect(outcome.request.url).toBe(`${env.emulator.urls.gatewayUrl}/shipping/v2/shipments/shp-1/tracking`);
    expect(outcome.response.status).toBe(200);
    expect(JSON.parse(outcome.response.body)).toMatchObject({ apiId: 'shipments-v2', operationId: 'get-tracking' });
  });

  it('adds a Query version as the set’s query parameter', async () => {
    const outcome = await call('reports-2024', 'list-reports');
    expect(outcome.request.url).toBe(`${env.emulator.urls.gatewayUrl}/reports/reports?api-version=2024-01-01`);
    expect(JSON.parse(outcome.response.body)).toMatchObject({ apiId: 'reports-2024' });
  });

  it('sends a Header version in the set’s header, and the original version without it', async () => {
    const v2 = await call('ledger-v2', 'list-reports');
    expect(v2.request.headers).toContainEqual({ name: 'Api-Version', value: 'v2' });
    expect(JSON.parse(v2.response.body)).toMatchObject({ apiId: 'ledger-v2' });
    const original = await call('ledger-original', 'list-reports');
    expect(original.request.headers.map((h) => h.name)).not.toContain('Api-Version');
    expect(JSON.parse(original.response.body)).toMatchObject({ apiId: 'ledger-original' });
  });
});
