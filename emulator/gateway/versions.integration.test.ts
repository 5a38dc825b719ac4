// Rule: the gateway routes a versioned API as APIM does ("Versions in Azure API Management"): by path segment, query parameter or
// header per the version set's scheme; the original version answers only where no version is named; a request naming no version
// of a set without an original is not found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addQueryAndHeaderVersionSets } from '@/test/harness/versioned-apis';
import type { ApimState } from '../apim/types';
import { ORDERS_APP } from '../seed/demo-tenant';
import { startEmulator, type RunningEmulator } from '../start';
import { callGateway, userToken } from '@/test/harness/gateway-calls';

let emulator: RunningEmulator;
let benOrders: string;

beforeAll(async () => {
  emulator = await startEmulator({ ports: { entra: 0, graph: 0, arm: 0, gateway: 0 } });
  benOrders = await userToken(emulator.urls.authorityHost, 'ben', ORDERS_APP.identifierUri);
  addQueryAndHeaderVersionSets(emulator.apim as ApimState);
});
afterAll(async () => emulator?.stop());

const call = (path: string, headers: Record<string, string> = {}) =>
  callGateway(emulator.urls.gatewayUrl, 'GET', path, { headers, token: benOrders });

describe('versioned APIs at the gateway', () => {
  it('routes the seeded Shipments versions by path segment', async () => {
    const v2 = await call('/shipping/v2/shipments/shp-1/tracking');
    expect(v2).toMatchObject({
      status: 200,
      json: { apiId: 'shipments-v2', operationId: 'get-tracking', path: '/shipments/shp-1/tracking' },
    });
    expect((await call('/shipping/v1/shipments')).json).toMatchObject({ apiId: 'shipments-v1', operationId: 'list-shipments' });
    // Tracking is new in v2; v1 has no such operation.
    expect((await call('/shipping/v1/shipments/shp-1/tracking')).status).toBe(404);
  });

  it('finds nothing when no version is named and the set has no original version', async () => {
    expect(await call('/shipping/shipments')).toMatchObject({ status: 404, json: { statusCode: 404, message: 'Resource not found' } });
    expect((await call('/reports/reports')).status).toBe(404);
  });

  it('routes by the set’s query parameter', async () => {
    expect((await call('/reports/reports?api-version=2025-06-01')).json).toMatchObject({ apiId: 'reports-2025' });
    expect((await call('/reports/reports?api-version=2024-01-01')).json).toMatchObject({ apiId: 'reports-2024' });
    expect((await call('/reports/reports?api-version=2023-01-01')).status).toBe(404);
  });

  it('routes by the set’s header, and sends a request without it to the original version', async () => {
    expect((await call('/ledger/reports', { 'Api-Version': 'v2' })).json).toMatchObject({ apiId: 'ledger-v2' });
    expect((await call('/ledger/reports')).json).toMatchObject({ apiId: 'ledger-original' });
    expect((await call('/ledger/reports', { 'Api-Version': 'v9' })).status).toBe(404);
    // The version goes in the header, not in the path.
    expect((await call('/ledger/v2/reports')).status).toBe(404);
  });
});
