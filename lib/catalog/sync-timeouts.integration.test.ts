// Rule: an ARM call that never answers during a sync is abandoned after the configured timeout and reported, not awaited forever.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { getIndexedApi } from './read-index';
import { syncCatalog } from './sync-catalog';

// Read once by lib/env when the first Azure client is made, after this line.
process.env.ROLEPORT_AZURE_TIMEOUT_SECONDS = '2';
let env: PortalTestEnv;

beforeAll(async () => {
  env = await startPortalTestEnv();
});
afterAll(async () => env?.close());

it('reports the API whose ARM read hung, keeps its last good index and finishes the rest of the sync', async () => {
  expect((await syncCatalog(env.db)).status).toBe('succeeded');
  const response = await fetch(`${env.emulator.urls.authorityHost}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      script: [{ surface: 'arm', method: 'GET', pathContains: '/apis/inventory/operations', kind: 'timeout', times: 1 }],
    }),
  });
  expect(response.ok).toBe(true);
  const started = Date.now();
  const report = await syncCatalog(env.db);
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(report.failedApis).toEqual([
    {
      id: 'inventory',
      error: expect.stringMatching(
        /Azure Resource Manager did not answer GET \/subscriptions\/.*\/apis\/inventory\/operations within 2 s\./,
      ),
    },
  ]);
  const inventory = await getIndexedApi(env.db, 'inventory');
  expect(inventory?.syncError).toMatch(/did not answer/);
  expect(inventory?.operationCount).toBeGreaterThan(0);
  expect((await getIndexedApi(env.db, 'orders'))?.syncError).toBeNull();
});
