// Rule: the emulated Event Grid delivers APIM's events as Azure does: validation handshake first, Microsoft's payload shape
// in the chosen schema, Event Grid's Entra token, retries, and no event for writes APIM does not publish.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startArmFixture, type ArmFixture, RG, SVC } from '@/test/harness/arm-fixture';
import { EVENT_GRID, PORTAL_APP } from '../seed/demo-tenant';

interface Received {
  method: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

let arm: ArmFixture;
let server: Server;
let endpoint: string;
const received: Received[] = [];
/** How the receiver answers: the validation code echoed (or not), and the status of the next deliveries. */
let behaviour: { echoCode: boolean; failNext: number } = { echoCode: true, failNext: 0 };

beforeAll(async () => {
  arm = await startArmFixture();
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : null;
    received.push({ method: req.method ?? '', headers: req.headers, body });
    if (req.method === 'OPTIONS') {
      res.writeHead(200, { 'webhook-allowed-origin': String(req.headers['webhook-request-origin']) });
      return res.end();
    }
    if (req.headers['aeg-event-type'] === 'SubscriptionValidation') {
      const code = (body as [{ data: { validationCode: string } }])[0].data.validationCode;
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ validationResponse: behaviour.echoCode ? code : 'wrong' }));
    }
    if (behaviour.failNext > 0) {
      behaviour.failNext--;
      res.writeHead(500);
      return res.end();
    }
    res.writeHead(200);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://localhost:${(server.address() as AddressInfo).port}/events`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await arm?.stop();
});
beforeEach(() => {
  received.length = 0;
  behaviour = { echoCode: true, failNext: 0 };
  arm.emulator.eventGrid.subscribe(null);
});

const rename = (apiId: string, displayName: string) => arm.client.api.update(RG, SVC, apiId, '*', { displayName });

describe('the emulated Event Grid', () => {
  it('validates an Event Grid schema subscription, then delivers APIUpdated as Microsoft documents it, with Event Grid’s token', async () => {
    arm.emulator.eventGrid.subscribe({ endpoint, schema: 'EventGridSchema', audience: PORTAL_APP.appId });
    await rename('orders', 'Orders v2');
    await arm.emulator.eventGrid.idle();
    expect(received.map((r) => [r.method, r.headers['aeg-event-type']])).toEqual([
      ['POST', 'SubscriptionValidation'],
      ['POST', 'Notification'],
    ]);
    const [event] = received[1]!.body as Record<string, unknown>[];
    expect(Object.keys(event!).sort()).toEqual([
      'data',
      'dataVersion',
      'eventTime',
      'eventType',
      'id',
      'metadataVersion',
      'subject',
      'topic',
    ]);
    expect(event).toMatchObject({
      topic: arm.servicePath,
      subject: '/apis/orders;Rev=1',
      data: { resourceUri: `${arm.servicePath}/apis/orders;Rev=1` },
      eventType: 'Microsoft.ApiManagement.APIUpdated',
      dataVersion: '1',
      metadataVersion: '1',
    });
    for (const request of received) {
      const token = String(request.headers.authorization).replace(/^Bearer /, '');
      const claims = await arm.emulator.tokens.verify(token);
      expect(claims).toMatchObject({ aud: PORTAL_APP.appId, azp: EVENT_GRID.appId, roles: [EVENT_GRID.subscriberRole] });
    }
  });

  it('sends CloudEvents one structured event at a time, after the OPTIONS handshake', async () => {
    arm.emulator.eventGrid.subscribe({ endpoint, schema: 'CloudEventSchemaV1_0', audience: PORTAL_APP.identifierUri });
    await arm.client.api.beginDeleteAndWait(RG, SVC, 'status', '*');
    await arm.emulator.eventGrid.idle();
    expect(received[0]).toMatchObject({ method: 'OPTIONS', headers: { 'webhook-request-origin': 'eventgrid.azure.net' } });
    expect(received[1]?.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(received[1]?.body).toMatchObject({
      specversion: '1.0',
      source: arm.servicePath,
      subject: '/apis/status;Rev=1',
      type: 'Microsoft.ApiManagement.APIDeleted',
      data: { resourceUri: `${arm.servicePath}/apis/status;Rev=1` },
    });
    const claims = await arm.emulator.tokens.verify(String(received[1]?.headers.authorization).replace(/^Bearer /, ''));
    // A v2.0 token's audience is always the application id, however the subscription named the app.
    expect(claims).toMatchObject({ aud: PORTAL_APP.appId, azp: EVENT_GRID.appId });
  });

  it('delivers nothing to an endpoint that fails the validation handshake', async () => {
    behaviour.echoCode = false;
    arm.emulator.eventGrid.subscribe({ endpoint, schema: 'EventGridSchema', audience: PORTAL_APP.appId });
    await rename('payments', 'Payments v2');
    await arm.emulator.eventGrid.idle();
    expect(received.every((r) => r.headers['aeg-event-type'] === 'SubscriptionValidation')).toBe(true);
    expect(arm.emulator.eventGrid.deliveries.at(-1)).toMatchObject({ status: 'failed', attempts: 0 });
  });

  it('retries a delivery the endpoint did not accept, with the delivery count', async () => {
    behaviour.failNext = 1;
    arm.emulator.eventGrid.subscribe({ endpoint, schema: 'EventGridSchema', audience: PORTAL_APP.appId });
    await rename('inventory', 'Inventory v2');
    await arm.emulator.eventGrid.idle();
    const notifications = received.filter((r) => r.headers['aeg-event-type'] === 'Notification');
    expect(notifications.map((r) => r.headers['aeg-delivery-count'])).toEqual(['0', '1']);
    expect((notifications[0]!.body as { id: string }[])[0]!.id).toBe((notifications[1]!.body as { id: string }[])[0]!.id);
    expect(arm.emulator.eventGrid.deliveries.at(-1)).toMatchObject({ status: 200, attempts: 2 });
  });

  it('publishes nothing for a policy write, which APIM does not publish', async () => {
    arm.emulator.eventGrid.subscribe({ endpoint, schema: 'EventGridSchema', audience: PORTAL_APP.appId });
    const xml =
      '<policies><inbound><base /></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>';
    await arm.client.apiPolicy.createOrUpdate(RG, SVC, 'deliveries', 'policy', { value: xml, format: 'rawxml' }, { ifMatch: '*' });
    await arm.emulator.eventGrid.idle();
    expect(received).toEqual([]);
  });

  it('delivers only to https endpoints, or plain http on loopback', () => {
    expect(() =>
      arm.emulator.eventGrid.subscribe({
        endpoint: 'http://portal.example.com/api/events/apim',
        schema: 'EventGridSchema',
        audience: PORTAL_APP.appId,
      }),
    ).toThrow(/https/);
  });
});
