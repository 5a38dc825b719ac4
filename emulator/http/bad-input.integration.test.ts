// Rule: malformed requests get the error the Azure service would give, and the emulator keeps serving.
import { ClientSecretCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUPS, PORTAL_APP, TENANT_ID } from '../seed/demo-tenant';
import { startEmulator, type RunningEmulator } from '../start';

let emu: RunningEmulator;
let auth: Record<string, string>;
beforeAll(async () => {
  emu = await startEmulator({ ports: { entra: 0, graph: 0 }, surfaces: ['entra', 'graph'] });
  const cred = new ClientSecretCredential(TENANT_ID, PORTAL_APP.appId, PORTAL_APP.clientSecret, {
    authorityHost: emu.urls.authorityHost,
    disableInstanceDiscovery: true,
  });
  auth = { authorization: `Bearer ${(await cred.getToken('https://graph.microsoft.com/.default')).token}` };
});
afterAll(() => emu?.stop());

async function graphCall(path: string, init: RequestInit = {}) {
  const res = await fetch(`${emu.urls.graphEndpoint}${path}`, {
    ...init,
    headers: { ...auth, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const body =
    res.status === 204 ? null : ((await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } });
  return { status: res.status, error: body?.error };
}

describe('Graph', () => {
  it('answers malformed JSON, unknown segments, bad ids and unknown objects like Graph', async () => {
    const sps = `/v1.0/servicePrincipals/${PORTAL_APP.servicePrincipalId}/appRoleAssignedTo`;
    const malformed = await graphCall(sps, { method: 'POST', body: '{"principalId": ' });
    expect(malformed).toMatchObject({ status: 400, error: { code: 'BadRequest' } });
    expect(Object.keys(malformed.error!.innerError).sort()).toEqual(['client-request-id', 'date', 'request-id']);
    expect(await graphCall('/v1.0/widgets')).toMatchObject({
      status: 400,
      error: { message: "Resource not found for the segment 'widgets'." },
    });
    expect(await graphCall('/v1.0/servicePrincipals/not-a-guid')).toMatchObject({
      status: 400,
      error: { code: 'Request_BadRequest', message: "Invalid object identifier 'not-a-guid'." },
    });
    expect(await graphCall('/v1.0/groups/11111111-2222-4333-8444-555555555555')).toMatchObject({
      status: 404,
      error: { code: 'Request_ResourceNotFound' },
    });
    expect(await graphCall('/v1.0/users?$top=5000')).toMatchObject({ status: 400 });
    expect(
      await graphCall(sps, {
        method: 'POST',
        body: JSON.stringify({ principalId: 'x', resourceId: PORTAL_APP.servicePrincipalId, appRoleId: 'y' }),
      }),
    ).toMatchObject({ status: 400 });
    expect((await graphCall('/v1.0/users', { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses a body over 1 MB with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) });
    const res = await graphCall(`/v1.0/groups/${PORTAL_APP.servicePrincipalId}/members/$ref`, { method: 'POST', body: huge });
    expect(res.status).toBe(413);
    // Without a Content-Length (chunked), the limit applies while the body is read.
    const chunked = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 17; i++) c.enqueue(new Uint8Array(64 * 1024).fill(32));
        c.close();
      },
    });
    const streamed = await graphCall(`/v1.0/groups/${GROUPS.ordersWriters.id}/members/$ref`, {
      method: 'POST',
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await graphCall('/v1.0/users')).status).toBe(200);
  });
});

describe('Entra', () => {
  const token = (init: RequestInit) =>
    fetch(`${emu.urls.authorityHost}/${TENANT_ID}/oauth2/v2.0/token`, init).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Record<string, unknown>,
    }));

  it('answers bad token requests with AADSTS errors', async () => {
    expect((await token({ method: 'GET' })).body.error_codes).toEqual([900561]);
    expect((await token({ method: 'POST', body: new URLSearchParams({ client_id: PORTAL_APP.appId }) })).body.error_codes).toEqual([
      900144,
    ]);
    const unsupported = await token({
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'device_code_please', client_id: PORTAL_APP.appId }),
    });
    expect(unsupported.body.error).toBe('unsupported_grant_type');
    const json = await token({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":' });
    expect(json).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const badPassword = await token({
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: PORTAL_APP.appId,
        client_secret: PORTAL_APP.clientSecret,
        username: 'ada@contoso.onmicrosoft.com',
        password: 'wrong',
        scope: 'openid',
      }),
    });
    expect(badPassword.body).toMatchObject({ error: 'invalid_grant', error_codes: [50126] });
    const otherTenant = await fetch(`${emu.urls.authorityHost}/fabrikam.onmicrosoft.com/oauth2/v2.0/token`, {
      method: 'POST',
      body: 'grant_type=client_credentials',
    });
    expect(((await otherTenant.json()) as { error_codes: number[] }).error_codes).toEqual([90002]);
    expect((await fetch(`${emu.urls.authorityHost}/nothing/here`)).status).toBe(404);
  });

  it('is still healthy afterwards', async () => {
    const health = await fetch(`${emu.urls.authorityHost}/_emulator/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', surfaces: ['entra', 'graph'] });
  });
});
