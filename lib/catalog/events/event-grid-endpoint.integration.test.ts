// Rule: Roleport's Event Grid endpoint answers both validation handshakes, takes only Event Grid's Entra token, and turns
// an APIM event into one targeted refresh (once per event id), so an ARM write shows in the catalog within seconds.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiManagementClient } from '@azure/arm-apimanagement';
import { ClientSecretCredential } from '@azure/identity';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OPTIONS, POST } from '@/app/api/events/apim/route';
import { APIM, OPERATOR_APP, PORTAL_APP, TENANT_ID } from '@/emulator/seed/demo-tenant';
import type { PollLoop } from '@/lib/server/jobs/poll-loop';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { getIndexedApi } from '../read-index';
import { syncCatalog, syncOneApi } from '../sync-catalog';
import { startCatalogRefreshWorker } from './refresh-worker';

let env: PortalTestEnv;
let server: Server;
let endpoint: string;
let worker: PollLoop;
let arm: ApiManagementClient;
const seen: { method: string; headers: Record<string, string | string[] | undefined>; status: number }[] = [];
const SERVICE_ID = `/subscriptions/${APIM.subscriptionId}/resourceGroups/${APIM.resourceGroup}/providers/Microsoft.ApiManagement/service/${APIM.serviceName}`;

/** The route handlers behind a plain HTTP server, as Next.js serves them. */
function serveRoute(): Promise<Server> {
  const s = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const method = req.method ?? 'GET';
    const request = new Request(`http://localhost${req.url}`, {
      method,
      headers,
      body: method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    const response = method === 'OPTIONS' ? OPTIONS(request) : await POST(request);
    seen.push({ method, headers: req.headers, status: response.status });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const deliver = (body: unknown, token: string | null) =>
  fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });

const apiEvent = (id: string, apiId: string) => [
  {
    id,
    topic: SERVICE_ID,
    subject: `/apis/${apiId};Rev=1`,
    data: { resourceUri: `${SERVICE_ID}/apis/${apiId};Rev=1` },
    eventType: 'Microsoft.ApiManagement.APIUpdated',
    dataVersion: '1',
    metadataVersion: '1',
    eventTime: new Date().toISOString(),
  },
];

beforeAll(async () => {
  env = await startPortalTestEnv();
  expect((await syncCatalog(env.db)).status).toBe('succeeded');
  server = await serveRoute();
  endpoint = `http://localhost:${(server.address() as AddressInfo).port}/api/events/apim`;
  worker = startCatalogRefreshWorker(env.db, { workerId: 'test-worker', pollMs: 60_000 });
  const credential = new ClientSecretCredential(TENANT_ID, OPERATOR_APP.appId, OPERATOR_APP.clientSecret, {
    authorityHost: env.emulator.urls.authorityHost,
    disableInstanceDiscovery: true,
  });
  arm = new ApiManagementClient(credential, APIM.subscriptionId, {
    endpoint: env.emulator.urls.armEndpoint,
    credentialScopes: ['https://management.azure.com/.default'],
  });
});
afterAll(async () => {
  await worker?.stop();
  await new Promise((resolve) => server?.close(resolve));
  await env?.close();
});
afterEach(() => {
  env.emulator.eventGrid.subscribe(null);
  seen.length = 0;
  vi.restoreAllMocks();
});

describe('the Event Grid endpoint', () => {
  it('validates an Event Grid schema subscription, then shows an API renamed through ARM', async () => {
    env.emulator.eventGrid.subscribe({ endpoint, schema: 'EventGridSchema', audience: PORTAL_APP.appId });
    await arm.api.update(APIM.resourceGroup, APIM.serviceName, 'orders', '*', { displayName: 'Orders (renamed)' });
    await until(async () => ((await getIndexedApi(env.db, 'orders'))?.displayName === 'Orders (renamed)' ? true : undefined), 'the rename');
    await env.emulator.eventGrid.idle();
    expect(seen[0]).toMatchObject({ method: 'POST', status: 200, headers: { 'aeg-event-type': 'SubscriptionValidation' } });
    expect(seen[1]).toMatchObject({ method: 'POST', status: 200, headers: { 'aeg-event-type': 'Notification' } });
  });

  it('answers the CloudEvents OPTIONS handshake, then shows an API renamed through ARM', async () => {
    env.emulator.eventGrid.subscribe({ endpoint, schema: 'CloudEventSchemaV1_0', audience: PORTAL_APP.identifierUri });
    await arm.api.update(APIM.resourceGroup, APIM.serviceName, 'payments', '*', { description: 'Now with refunds.' });
    await until(
      async () => ((await getIndexedApi(env.db, 'payments'))?.description === 'Now with refunds.' ? true : undefined),
      'the edit',
    );
    await env.emulator.eventGrid.idle();
    expect(seen.map((s) => [s.method, s.status])).toEqual([
      ['OPTIONS', 200],
      ['POST', 200],
    ]);
    expect(seen[1]?.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
  });

  it('takes a deleted API out of the catalog', async () => {
    env.emulator.eventGrid.subscribe({ endpoint, schema: 'EventGridSchema', audience: PORTAL_APP.appId });
    await arm.api.beginDeleteAndWait(APIM.resourceGroup, APIM.serviceName, 'legacy-billing', '*');
    await until(async () => ((await getIndexedApi(env.db, 'legacy-billing')) === null ? true : undefined), 'the removal');
    // Refreshing it again reports it gone rather than refreshed.
    expect(await syncOneApi(env.db, 'legacy-billing')).toMatchObject({ status: 'succeeded', removed: true });
  });

  it('refuses deliveries without Event Grid’s token with 401', async () => {
    expect((await deliver(apiEvent('e-anon', 'orders'), null)).status).toBe(401);
    expect((await deliver(apiEvent('e-junk', 'orders'), 'not-a-token')).status).toBe(401);
    // A genuine token of the tenant, but issued to Roleport itself rather than Event Grid, without the subscriber role.
    const response = await fetch(`${env.emulator.urls.authorityHost}/${TENANT_ID}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: PORTAL_APP.appId,
        client_secret: PORTAL_APP.clientSecret,
        scope: `${PORTAL_APP.identifierUri}/.default`,
      }),
    });
    const { access_token: portalToken } = (await response.json()) as { access_token: string };
    const refused = await deliver(apiEvent('e-portal', 'orders'), portalToken);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/not issued to Event Grid/);
    // Event Grid's token for another audience (Microsoft Graph) is not one for Roleport.
    const graphToken = await env.emulator.eventGrid.deliveryToken('https://graph.microsoft.com');
    expect((await deliver(apiEvent('e-graph', 'orders'), graphToken)).status).toBe(401);
    expect(await env.db.selectFrom('catalog_event_receipt').select('event_id').where('event_id', 'like', 'e-%').execute()).toEqual([]);
  });

  it('answers a validation event with its code, and refuses a body that is no delivery', async () => {
    const token = await env.emulator.eventGrid.deliveryToken(PORTAL_APP.appId);
    const validation = await deliver(
      [
        {
          id: 'v1',
          topic: SERVICE_ID,
          subject: '',
          data: { validationCode: 'code-123' },
          eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
        },
      ],
      token,
    );
    expect(validation.status).toBe(200);
    expect(await validation.json()).toEqual({ validationResponse: 'code-123' });
    expect((await deliver({ hello: 'world' }, token)).status).toBe(400);
    // Past Event Grid's 1 MB per delivery.
    expect((await deliver(apiEvent('big', 'x'.repeat(1100 * 1024)), token)).status).toBe(413);
  });

  it('refreshes once for an event delivered twice', async () => {
    const token = await env.emulator.eventGrid.deliveryToken(PORTAL_APP.appId);
    const log = vi.spyOn(console, 'log');
    const first = await deliver(apiEvent('dup-1', 'inventory'), token);
    const second = await deliver(apiEvent('dup-1', 'inventory'), token);
    expect(await first.json()).toEqual({ queued: ['api:inventory'], duplicates: 0, ignored: 0 });
    expect(await second.json()).toEqual({ queued: [], duplicates: 1, ignored: 0 });
    await until(async () => {
      const left = await env.db.selectFrom('catalog_refresh_queue').select('target').execute();
      return left.length === 0 && log.mock.calls.some(([line]) => String(line).includes('event refresh of api:inventory'))
        ? true
        : undefined;
    }, 'the refresh');
    worker.wake();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(log.mock.calls.filter(([line]) => String(line).includes('event refresh of api:inventory'))).toHaveLength(1);
  });

  it('coalesces events about one API into one refresh, and ignores other services and event kinds', async () => {
    const token = await env.emulator.eventGrid.deliveryToken(PORTAL_APP.appId);
    const log = vi.spyOn(console, 'log');
    const batch = [...apiEvent('burst-1', 'status'), ...apiEvent('burst-2', 'status'), ...apiEvent('burst-3', 'status')];
    batch.push({ ...apiEvent('other-1', 'status')[0]!, topic: `${SERVICE_ID}-other` });
    batch.push({ ...apiEvent('user-1', 'status')[0]!, subject: '/users/u1', eventType: 'Microsoft.ApiManagement.UserCreated' });
    const answer = await deliver(batch, token);
    expect(await answer.json()).toEqual({ queued: ['api:status'], duplicates: 0, ignored: 2 });
    await until(
      async () => (log.mock.calls.some(([line]) => String(line).includes('event refresh of api:status')) ? true : undefined),
      'the refresh',
    );
    expect(log.mock.calls.filter(([line]) => String(line).includes('event refresh of api:status'))).toHaveLength(1);
  });
});
