// Rule: a one-API refresh reuses an app registration the index read recently, so it costs only its ARM reads (5 plus one
// per operation: 15 for the bench's 10-operation APIs), and reads the app again when it is older than allowed or when asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { ORDERS_APP } from '../../emulator/seed/demo-tenant';
import { getIndexedApp, listIndexedOperations } from './read-index';
import { syncCatalog, syncOneApi } from './sync-catalog';

let env: PortalTestEnv;

beforeAll(async () => {
  env = await startPortalTestEnv();
  expect((await syncCatalog(env.db)).status).toBe('succeeded');
});
afterAll(async () => env?.close());

describe('syncOneApi', () => {
  it('reads the app registration again by default (an admin refresh)', async () => {
    const report = await syncOneApi(env.db, 'orders');
    expect(report.status).toBe('succeeded');
    expect(report.graphCalls).toBe(4);
  });

  it('reuses an app registration read within the window, with no Graph call', async () => {
    const before = await getIndexedApp(env.db, ORDERS_APP.appId);
    const report = await syncOneApi(env.db, 'orders', { reuseAppsReadWithinMs: 60_000 });
    expect(report).toMatchObject({ status: 'succeeded', graphCalls: 0 });
    expect(report.armCalls).toBe(5 + (await listIndexedOperations(env.db, 'orders')).length);
    expect(await getIndexedApp(env.db, ORDERS_APP.appId)).toEqual(before);
  });

  it('reads an app registration older than the window again', async () => {
    await env.db
      .updateTable('catalog_app')
      .set({ synced_at: new Date(Date.now() - 120_000).toISOString() })
      .execute();
    const report = await syncOneApi(env.db, 'orders', { reuseAppsReadWithinMs: 60_000 });
    expect(report.graphCalls).toBe(4);
  });
});
