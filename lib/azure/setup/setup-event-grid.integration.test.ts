// Rule: `npm run setup:azure` subscribes Roleport's webhook to the APIM service's catalog events with Microsoft Entra authenticated delivery (Event Grid holding the subscriber role), shows it in a dry run, and changes nothing on a second run.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientSecretCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_APP, SETUP_APP } from '@/emulator/seed/demo-tenant';
import { SERVICE_SCOPE } from '@/emulator/seed/rbac-seed';
import { loadSetupConfig } from '@/lib/env';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { emulatedSetupEnv } from '@/test/harness/setup-env';
import { runSetup } from './run-setup';
import { operatorCredential, setupClients } from './setup-clients';

let env: PortalTestEnv;
let webhook: Server;
let publicUrl: string;
/** What reached the webhook: the Event Grid header, the event types, and the delivery token's claims. */
const received: { kind: string; types: string[]; claims: Record<string, unknown> }[] = [];

const claimsOf = (authorization: string | undefined) =>
  JSON.parse(Buffer.from((authorization ?? '').replace(/^Bearer /, '').split('.')[1] ?? '', 'base64url').toString() || '{}') as Record<
    string,
    unknown
  >;

/** A stand-in for Roleport's webhook at PUBLIC_URL: answers the validation handshake, records deliveries. */
function startWebhook(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const events = JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]') as { eventType: string; data: { validationCode?: string } }[];
    received.push({
      kind: String(req.headers['aeg-event-type']),
      types: events.map((e) => e.eventType),
      claims: claimsOf(req.headers.authorization),
    });
    if (req.url !== '/api/events/apim') return res.writeHead(404).end();
    if (req.headers['aeg-event-type'] === 'SubscriptionValidation')
      return res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ validationResponse: events[0]?.data.validationCode }));
    res.writeHead(200).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function setup(dryRun: boolean) {
  const config = loadSetupConfig(emulatedSetupEnv(env.emulator.connection, { name: 'Roleport Events', publicUrl }, SETUP_APP));
  const lines: string[] = [];
  const clients = setupClients(
    config,
    operatorCredential(config, () => {}),
  );
  const outcome = await runSetup(config, clients, { dryRun, newSecret: false, noSecret: true, consoleApis: [] }, (l) => lines.push(l));
  return { outcome, output: lines.join('\n') };
}

async function armToken(app: { appId: string; clientSecret: string }) {
  const credential = new ClientSecretCredential(env.emulator.connection.tenantId, app.appId, app.clientSecret, {
    authorityHost: env.emulator.urls.authorityHost,
    disableInstanceDiscovery: true,
  });
  return (await credential.getToken('https://management.azure.com/.default')).token;
}

const subscriptionUrl = () =>
  `${env.emulator.urls.armEndpoint}${SERVICE_SCOPE}/providers/Microsoft.EventGrid/eventSubscriptions/roleport-catalog?api-version=2025-02-15`;

beforeAll(async () => {
  env = await startPortalTestEnv();
  webhook = await startWebhook();
  publicUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => webhook?.close(resolve));
  await env?.close();
});

describe('npm run setup:azure and Event Grid', () => {
  it('shows the subscription in a dry run and creates nothing', async () => {
    const { output } = await setup(true);
    expect(output).toContain(`create the Event Grid subscription roleport-catalog on the API Management service`);
    expect(output).toContain(`${publicUrl}/api/events/apim`);
    expect(output).toContain('AzureEventGridSecureWebhookSubscriber');
    const read = await fetch(subscriptionUrl(), { headers: { authorization: `Bearer ${await armToken(SETUP_APP)}` } });
    expect(read.status).toBe(404);
    expect(received).toEqual([]);
  });

  it('creates it Entra-authenticated after the webhook passed the handshake; APIM events then reach it with the subscriber role', async () => {
    const { outcome } = await setup(false);
    expect(outcome.steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['assign-event-grid-role', 'put-event-subscription']));
    const app = [...env.emulator.directory.applications.values()].find((a) => a.displayName === 'Roleport Events')!;
    expect(app.appRoles.map((r) => r.value)).toContain('AzureEventGridSecureWebhookSubscriber');
    expect(received.map((r) => r.kind)).toEqual(['SubscriptionValidation']);

    const read = await fetch(subscriptionUrl(), { headers: { authorization: `Bearer ${await armToken(SETUP_APP)}` } });
    const body = (await read.json()) as { properties: Record<string, unknown> & { destination: { properties: Record<string, unknown> } } };
    expect(body.properties).toMatchObject({ provisioningState: 'Succeeded', topic: SERVICE_SCOPE, eventDeliverySchema: 'EventGridSchema' });
    expect(body.properties.destination).toEqual({
      endpointType: 'WebHook',
      properties: expect.objectContaining({
        endpointBaseUrl: `${publicUrl}/api/events/apim`,
        azureActiveDirectoryTenantId: env.emulator.connection.tenantId,
        azureActiveDirectoryApplicationIdOrUri: app.appId,
      }),
    });

    const rename = await fetch(`${env.emulator.urls.armEndpoint}${SERVICE_SCOPE}/apis/orders?api-version=2024-05-01`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await armToken(OPERATOR_APP)}`, 'content-type': 'application/json', 'if-match': '*' },
      body: JSON.stringify({ properties: { displayName: 'Orders (renamed)' } }),
    });
    expect(rename.status).toBe(200);
    // Users and subscriptions change nothing in the catalog: not among the subscription's event types.
    const userUpdate = await fetch(`${env.emulator.urls.armEndpoint}${SERVICE_SCOPE}/users/ada?api-version=2024-05-01`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await armToken(OPERATOR_APP)}`, 'content-type': 'application/json', 'if-match': '*' },
      body: JSON.stringify({ properties: { note: 'x' } }),
    });
    expect(userUpdate.status).toBe(200);
    await env.emulator.eventGrid.idle();
    const notifications = received.filter((r) => r.kind === 'Notification');
    expect(notifications.map((n) => n.types)).toEqual([['Microsoft.ApiManagement.APIUpdated']]);
    expect(notifications[0]!.claims).toMatchObject({ aud: app.appId, roles: ['AzureEventGridSecureWebhookSubscriber'] });
  });

  it('a second run changes nothing', async () => {
    const { outcome, output } = await setup(false);
    expect(outcome.steps).toEqual([]);
    expect(output).toMatch(/No changes/);
  });
});
