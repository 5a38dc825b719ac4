// Rule: the emulated ARM creates Event Grid subscriptions on the APIM service as the Event Grid REST spec defines them: RBAC-checked, validated, provisioned only after the webhook's handshake, read back without the written URL, and delivered to.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientSecretCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArmFixture, type ArmFixture } from '@/test/harness/arm-fixture';
import { PORTAL_APP, TENANT_ID } from '../seed/demo-tenant';

let arm: ArmFixture;
let webhook: Server;
let base: string;
let answerHandshake = true;

const path = (name: string, version = '2025-02-15') =>
  `${arm.servicePath}/providers/Microsoft.EventGrid/eventSubscriptions/${name}?api-version=${version}`;

const body = (endpointUrl: string, extra: Record<string, unknown> = {}) => ({
  properties: {
    destination: {
      endpointType: 'WebHook',
      properties: {
        endpointUrl,
        azureActiveDirectoryTenantId: TENANT_ID,
        azureActiveDirectoryApplicationIdOrUri: PORTAL_APP.appId,
        ...extra,
      },
    },
    filter: { includedEventTypes: ['Microsoft.ApiManagement.APIUpdated'] },
  },
});

const put = (name: string, payload: unknown, token?: string | null) =>
  arm.armFetch(path(name), { method: 'PUT', body: JSON.stringify(payload), headers: { 'content-type': 'application/json' }, token });

async function provisioned(name: string): Promise<Record<string, unknown>> {
  for (;;) {
    const read = (await (await arm.armFetch(path(name))).json()) as { properties: Record<string, unknown> };
    if (read.properties.provisioningState !== 'Creating' && read.properties.provisioningState !== 'Updating') return read.properties;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  arm = await startArmFixture();
  webhook = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.headers['aeg-event-type'] !== 'SubscriptionValidation') return res.writeHead(200).end();
    const [event] = JSON.parse(Buffer.concat(chunks).toString()) as [{ data: { validationCode: string } }];
    res.writeHead(answerHandshake ? 200 : 403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ validationResponse: event.data.validationCode }));
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => webhook?.close(resolve));
  await arm?.stop();
});

describe('Microsoft.EventGrid/eventSubscriptions on the APIM service', () => {
  it('creates a WebHook subscription (201, Creating), then Succeeded once the webhook answered the handshake; reads show only the base URL', async () => {
    const created = await put('catalog', body(`${base}/hook?code=secret-key`));
    expect(created.status).toBe(201);
    expect(((await created.json()) as { properties: { provisioningState: string } }).properties.provisioningState).toBe('Creating');
    const properties = await provisioned('catalog');
    expect(properties).toMatchObject({ provisioningState: 'Succeeded', eventDeliverySchema: 'EventGridSchema' });
    expect(JSON.stringify(properties)).not.toContain('secret-key');
    expect(properties.destination).toMatchObject({ properties: { endpointBaseUrl: `${base}/hook` } });
    expect((await put('catalog', body(`${base}/hook`))).status).toBe(200);
  });

  it('fails the provisioning when the webhook does not answer the handshake', async () => {
    answerHandshake = false;
    try {
      expect((await put('refused', body(`${base}/hook`))).status).toBe(201);
      expect((await provisioned('refused')).provisioningState).toBe('Failed');
    } finally {
      answerHandshake = true;
    }
  });

  it('refuses bad input with 400 and callers without Microsoft.EventGrid/eventSubscriptions/write with 403', async () => {
    expect((await put('x', body(`${base}/hook`))).status).toBe(400); // name shorter than 3
    expect((await put('plain-http', body('http://roleport.contoso.example/hook'))).status).toBe(400);
    expect(
      (await put('other-tenant', body(`${base}/hook`, { azureActiveDirectoryTenantId: '00000000-0000-0000-0000-000000000001' }))).status,
    ).toBe(400);
    expect((await arm.armFetch(path('catalog', '2024-05-01'))).status).toBe(400);
    // The portal's identity reads APIM and writes policies, nothing on Event Grid.
    const portal = new ClientSecretCredential(TENANT_ID, PORTAL_APP.appId, PORTAL_APP.clientSecret, {
      authorityHost: arm.emulator.urls.authorityHost,
      disableInstanceDiscovery: true,
    });
    const token = (await portal.getToken('https://management.azure.com/.default')).token;
    const refused = await put('by-portal', body(`${base}/hook`), token);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('AuthorizationFailed');
  });
});
