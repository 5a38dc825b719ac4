// Rule: the emulated Entra serves the device authorization grant as Microsoft documents it: a code pair for a registered client, authorization_pending until the user confirms the code at the verification page, authorization_declined, expired_token, bad_verification_code, and single use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../start';
import { AZURE_CLI, DEMO_PASSWORD, TENANT_ID, USERS } from '../seed/demo-tenant';
import { claimsOf } from '@/test/harness/entra-token-requests';

let emu: RunningEmulator;
let shortLived: RunningEmulator;
const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default offline_access openid profile';

interface DeviceAnswer {
  device_code: string;
  user_code: string;
  verification_uri: string;
  expires_in: number;
  interval: number;
  message: string;
}

async function startDevice(on: RunningEmulator, clientId: string = AZURE_CLI.appId, scope = GRAPH_DEFAULT) {
  const response = await fetch(`${on.urls.authorityHost}/${TENANT_ID}/oauth2/v2.0/devicecode`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: clientId, scope }),
  });
  return { status: response.status, body: (await response.json()) as DeviceAnswer & { error?: string } };
}

async function poll(on: RunningEmulator, deviceCode: string) {
  const response = await fetch(`${on.urls.authorityHost}/${TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: AZURE_CLI.appId,
      device_code: deviceCode,
    }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: string; error_codes?: number[]; access_token?: string; refresh_token?: string },
  };
}

/** The user's part at the verification page: the code, then the account. */
async function confirm(on: RunningEmulator, userCode: string, decision = 'continue', password = DEMO_PASSWORD) {
  const response = await fetch(`${on.urls.authorityHost}/devicelogin`, {
    method: 'POST',
    body: new URLSearchParams({ user_code: userCode, username: USERS.priya.userPrincipalName, password, decision }),
  });
  return { status: response.status, html: await response.text() };
}

beforeAll(async () => {
  emu = await startEmulator({ ports: { entra: 0, graph: 0 }, surfaces: ['entra', 'graph'], deviceCode: { intervalSeconds: 1 } });
  shortLived = await startEmulator({ ports: { entra: 0, graph: 0 }, surfaces: ['entra', 'graph'], deviceCode: { lifetimeSeconds: 1 } });
});
afterAll(async () => {
  await emu?.stop();
  await shortLived?.stop();
});

describe('the device authorization grant', () => {
  it('gives the Azure CLI a code pair, keeps it pending until the user confirms, then issues its tokens once', async () => {
    const { status, body } = await startDevice(emu);
    expect(status).toBe(200);
    expect(body).toMatchObject({ verification_uri: `${emu.urls.authorityHost}/devicelogin`, expires_in: 900, interval: 1 });
    expect(body.message).toContain(body.user_code);
    expect(body.message).toContain(body.verification_uri);

    const pending = await poll(emu, body.device_code);
    expect(pending).toMatchObject({ status: 400, body: { error: 'authorization_pending', error_codes: [70016] } });
    expect((await confirm(emu, 'BCDFGHJKL')).html).toContain('AADSTS70018');
    expect((await confirm(emu, body.user_code, 'continue', 'wrong')).status).toBe(400);
    expect((await poll(emu, body.device_code)).body.error).toBe('authorization_pending');

    const confirmed = await confirm(emu, body.user_code.toLowerCase());
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('You have signed in to Microsoft Azure CLI');
    const tokens = await poll(emu, body.device_code);
    expect(tokens.status).toBe(200);
    expect(tokens.body.refresh_token).toBeTruthy();
    const claims = claimsOf(tokens.body.access_token!);
    expect(claims).toMatchObject({ oid: USERS.priya.oid, appid: AZURE_CLI.appId });
    // Microsoft Graph pre-authorizes the Azure CLI: `.default` carries those delegated permissions.
    expect(String(claims.scp).split(' ')).toEqual(expect.arrayContaining(['Application.ReadWrite.All', 'Directory.AccessAsUser.All']));

    expect((await poll(emu, body.device_code)).body).toMatchObject({ error: 'bad_verification_code', error_codes: [70018] });
    expect((await confirm(emu, body.user_code)).status).toBe(400);
  });

  it('tells the device when the user declined', async () => {
    const { body } = await startDevice(emu);
    expect((await confirm(emu, body.user_code, 'decline')).html).toContain('cancelled');
    expect((await poll(emu, body.device_code)).body.error).toBe('authorization_declined');
  });

  it('expires the device code after expires_in', async () => {
    const { body } = await startDevice(shortLived);
    expect(body.expires_in).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await confirm(shortLived, body.user_code)).html).toContain('AADSTS70019');
    expect((await poll(shortLived, body.device_code)).body).toMatchObject({ error: 'expired_token', error_codes: [70019] });
  });

  it('refuses a client the tenant does not know, and a scope the resource does not expose', async () => {
    expect((await startDevice(emu, '00000000-0000-0000-0000-0000000000ff')).body.error).toBe('unauthorized_client');
    expect((await startDevice(emu, AZURE_CLI.appId, 'https://graph.microsoft.com/No.Such.Scope')).body.error).toBe('invalid_scope');
  });
});
