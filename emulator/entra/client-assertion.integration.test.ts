// Rule: the emulated token endpoint takes a federated credential's token as the client's credential only when one of the app's federated identity credentials names its issuer, subject and audience, and its signature and lifetime hold.
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../start';
import { PORTAL_APP, TENANT_ID } from '../seed/demo-tenant';
import { claimsOf, postToken } from '@/test/harness/entra-token-requests';
import { JWT_BEARER_ASSERTION } from './client-assertion';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ ports: { entra: 0 }, surfaces: ['entra'] });
});
afterAll(() => emu?.stop());

/** The host's managed identity token for the token-exchange audience, as App Service's endpoint serves it. */
async function managedIdentityToken(resource = 'api://AzureADTokenExchange') {
  const { endpoint, header, clientId } = emu.managedIdentity;
  const res = await fetch(`${endpoint}?resource=${encodeURIComponent(resource)}&api-version=2019-08-01&client_id=${clientId}`, {
    headers: { 'X-IDENTITY-HEADER': header },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const asPortal = (assertion: string, extra: Record<string, string> = {}) =>
  postToken(emu.urls.authorityHost, {
    grant_type: 'client_credentials',
    client_id: PORTAL_APP.appId,
    scope: 'https://graph.microsoft.com/.default',
    client_assertion_type: JWT_BEARER_ASSERTION,
    client_assertion: assertion,
    ...extra,
  });

const aadsts = (body: Record<string, unknown>) => String(body.error_description).split(':')[0];

describe('client assertion from a federated credential', () => {
  it('issues the portal app its token for the managed identity’s token, with no secret', async () => {
    const { status, body } = await asPortal(await managedIdentityToken());
    expect(status).toBe(200);
    expect(claimsOf(body.access_token as string)).toMatchObject({ appid: PORTAL_APP.appId, idtyp: 'app', tid: TENANT_ID });
  });

  it('refuses an app without a secret or assertion, and a wrong assertion type', async () => {
    const bare = await postToken(emu.urls.authorityHost, {
      grant_type: 'client_credentials',
      client_id: PORTAL_APP.appId,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect([bare.status, aadsts(bare.body)]).toEqual([401, 'AADSTS7000218']);
    const wrongType = await asPortal(await managedIdentityToken(), {
      client_assertion_type: 'urn:ietf:params:oauth:grant-type:saml2-bearer',
    });
    expect([wrongType.status, aadsts(wrongType.body)]).toEqual([400, 'AADSTS90011']);
  });

  it('refuses a token whose subject or audience no federated credential names', async () => {
    const portal = emu.directory.applicationByAppId(PORTAL_APP.appId)!;
    const trusted = portal.federatedIdentityCredentials!;
    try {
      portal.federatedIdentityCredentials = trusted.map((c) => ({ ...c, subject: '00000000-0000-0000-0000-000000000001' }));
      const other = await asPortal(await managedIdentityToken());
      expect([other.status, aadsts(other.body)]).toEqual([400, 'AADSTS70021']);
      expect(other.body.error_description).toContain(`Assertion Subject: '${emu.managedIdentity.principalId}'`);
    } finally {
      portal.federatedIdentityCredentials = trusted;
    }
    // A token for Microsoft Graph is the identity's, but not for the token-exchange audience.
    const forGraph = await asPortal(await managedIdentityToken('https://graph.microsoft.com'));
    expect([forGraph.status, aadsts(forGraph.body)]).toEqual([400, 'AADSTS70021']);
    expect(forGraph.body.error_description).toContain("Assertion Audience: 'https://graph.microsoft.com'");
  });

  it('refuses a forged token with the trusted claims, and an expired one', async () => {
    const claims = claimsOf(await managedIdentityToken());
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: emu.directory.tenantId }).sign(privateKey);
    const refused = await asPortal(forged);
    expect([refused.status, aadsts(refused.body)]).toEqual([401, 'AADSTS700027']);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...claims, iat: now - 7200, nbf: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    const late = await asPortal(expired);
    expect([late.status, aadsts(late.body)]).toEqual([401, 'AADSTS700024']);
  });
});
