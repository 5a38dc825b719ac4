// Rule: tokens from the emulated Entra carry Azure's claims for each flow and the directory's current roles.
import { ClientSecretCredential, OnBehalfOfCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../start';
import { GROUPS, INVENTORY_APP, ORDERS_APP, PAYMENTS_APP, PORTAL_APP, TENANT_ID, USERS } from '../seed/demo-tenant';
import { claimsOf, portalUserToken, postToken } from '@/test/harness/entra-token-requests';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ ports: { entra: 0, graph: 0 }, surfaces: ['entra', 'graph'] });
});
afterAll(() => emu?.stop());

const portalCredential = (secret: string = PORTAL_APP.clientSecret) =>
  new ClientSecretCredential(TENANT_ID, PORTAL_APP.appId, secret, {
    authorityHost: emu.urls.authorityHost,
    disableInstanceDiscovery: true,
  });

async function oboToken(userUpn: string, scope: string) {
  const userAssertionToken = await portalUserToken(emu.urls.authorityHost, userUpn);
  // disableInstanceDiscovery is honoured at runtime but missing from this overload's type.
  const options = {
    tenantId: TENANT_ID,
    clientId: PORTAL_APP.appId,
    clientSecret: PORTAL_APP.clientSecret,
    userAssertionToken,
    authorityHost: emu.urls.authorityHost,
    disableInstanceDiscovery: true,
  };
  const cred = new OnBehalfOfCredential(options);
  return claimsOf((await cred.getToken(scope)).token);
}

describe('client credentials (ClientSecretCredential)', () => {
  it('gets a v1 ARM token and a Graph token holding the granted application permissions', async () => {
    const cred = portalCredential();
    const arm = claimsOf((await cred.getToken('https://management.azure.com/.default')).token);
    expect(arm).toMatchObject({
      aud: 'https://management.azure.com/',
      iss: `https://sts.windows.net/${TENANT_ID}/`,
      ver: '1.0',
      appid: PORTAL_APP.appId,
      tid: TENANT_ID,
      idtyp: 'app',
    });
    expect(arm.roles).toBeUndefined();
    expect(arm.scp).toBeUndefined();
    const graph = claimsOf((await cred.getToken('https://graph.microsoft.com/.default')).token);
    expect(graph.aud).toBe('https://graph.microsoft.com');
    expect(graph.roles).toEqual(
      expect.arrayContaining(['Application.Read.All', 'AppRoleAssignment.ReadWrite.All', 'GroupMember.ReadWrite.All']),
    );
    expect(graph.oid).toBe(PORTAL_APP.servicePrincipalId);
  });

  it('rejects a wrong secret with AADSTS7000215', async () => {
    await expect(portalCredential('not-the-secret').getToken('https://graph.microsoft.com/.default')).rejects.toThrow(/AADSTS7000215/);
    const res = await postToken(emu.urls.authorityHost, {
      grant_type: 'client_credentials',
      client_id: PORTAL_APP.appId,
      client_secret: 'nope',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(res.body.error_description).toMatch(/^AADSTS7000215: .*\r\nTrace ID: .*\r\nCorrelation ID: .*\r\nTimestamp: /s);
  });

  it('refuses client credentials to an app that has no credential with AADSTS7000218', async () => {
    const res = await postToken(emu.urls.authorityHost, {
      grant_type: 'client_credentials',
      client_id: ORDERS_APP.appId,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_client', error_codes: [7000218] });
  });

  it('accepts client_secret_basic and rejects an unknown client with AADSTS700016', async () => {
    const basic = Buffer.from(`${PORTAL_APP.appId}:${encodeURIComponent(PORTAL_APP.clientSecret)}`).toString('base64');
    const ok = await postToken(
      emu.urls.authorityHost,
      { grant_type: 'client_credentials', scope: `${ORDERS_APP.identifierUri}/.default` },
      { Authorization: `Basic ${basic}` },
    );
    expect(ok.status).toBe(200);
    expect(claimsOf(ok.body.access_token as string)).toMatchObject({ aud: ORDERS_APP.appId, ver: '2.0', azp: PORTAL_APP.appId });
    const unknown = await postToken(emu.urls.authorityHost, {
      grant_type: 'client_credentials',
      client_id: '11111111-2222-3333-4444-555555555555',
      client_secret: 'x',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(unknown.body.error_codes).toEqual([700016]);
  });

  it('rejects scopes naming two resources with AADSTS28000 and an unknown resource with AADSTS500011', async () => {
    const base = { grant_type: 'client_credentials', client_id: PORTAL_APP.appId, client_secret: PORTAL_APP.clientSecret };
    const mixed = await postToken(emu.urls.authorityHost, {
      ...base,
      scope: `${ORDERS_APP.identifierUri}/.default https://graph.microsoft.com/.default`,
    });
    expect(mixed).toMatchObject({ status: 400, body: { error: 'invalid_scope', error_codes: [28000] } });
    const unknown = await postToken(emu.urls.authorityHost, { ...base, scope: 'api://nobody/.default' });
    expect(unknown.body.error_codes).toEqual([500011]);
  });
});

describe('on-behalf-of (OnBehalfOfCredential)', () => {
  it('mints a v2 token for a v2 API with the user direct roles', async () => {
    const t = await oboToken(USERS.ben.userPrincipalName, `${ORDERS_APP.identifierUri}/.default`);
    expect(t).toMatchObject({
      aud: ORDERS_APP.appId,
      iss: `${emu.urls.authorityHost}/${TENANT_ID}/v2.0`,
      ver: '2.0',
      oid: USERS.ben.oid,
      azp: PORTAL_APP.appId,
      roles: ['Orders.Write'],
    });
    expect(t.preferred_username).toBe(USERS.ben.userPrincipalName);
    expect(typeof t.scp).toBe('string');
  });

  it('mints a v1 token for a v1 API with group-inherited roles', async () => {
    // The demo leaves Inventory unconsented for the portal; Ben consents for himself (a Principal grant).
    emu.directory.grantDelegated(PORTAL_APP.servicePrincipalId, INVENTORY_APP.servicePrincipalId, 'user_impersonation', USERS.ben.oid);
    const t = await oboToken(USERS.ben.userPrincipalName, `${INVENTORY_APP.identifierUri}/.default`);
    expect(t).toMatchObject({
      aud: INVENTORY_APP.identifierUri,
      iss: `https://sts.windows.net/${TENANT_ID}/`,
      ver: '1.0',
      appid: PORTAL_APP.appId,
      upn: USERS.ben.userPrincipalName,
      roles: ['Inventory.Read'],
    });
    expect(GROUPS.inventoryReaders.members).toContain('ben');
  });

  it('leaves roles out when the user holds none', async () => {
    const t = await oboToken(USERS.ada.userPrincipalName, `${PAYMENTS_APP.identifierUri}/.default`);
    expect(t.roles).toBeUndefined();
    expect(t.aud).toBe(PAYMENTS_APP.appId);
  });

  it('rejects forged, expired and wrong-audience assertions with AADSTS50013', async () => {
    const good = claimsOf(await portalUserToken(emu.urls.authorityHost, USERS.ada.userPrincipalName));
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(good).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'forged' }).sign(privateKey);
    const obo = (assertion: string) =>
      postToken(emu.urls.authorityHost, {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        client_id: PORTAL_APP.appId,
        client_secret: PORTAL_APP.clientSecret,
        assertion,
        requested_token_use: 'on_behalf_of',
        scope: `${ORDERS_APP.identifierUri}/.default`,
      });
    expect((await obo(forged)).body).toMatchObject({ error: 'invalid_grant', error_codes: [50013] });
    const ordersToken = await obo(await portalUserToken(emu.urls.authorityHost, USERS.ada.userPrincipalName));
    expect(ordersToken.status).toBe(200);
    // A token for the Orders API is not an assertion the portal may exchange.
    expect((await obo(ordersToken.body.access_token as string)).body.error_codes).toEqual([50013]);

    const expiring = await startEmulator({ ports: { entra: 0 }, surfaces: ['entra'], tokenLifetimeSeconds: -60 });
    try {
      const expired = await portalUserToken(expiring.urls.authorityHost, USERS.ada.userPrincipalName);
      const res = await postToken(expiring.urls.authorityHost, {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        client_id: PORTAL_APP.appId,
        client_secret: PORTAL_APP.clientSecret,
        assertion: expired,
        requested_token_use: 'on_behalf_of',
        scope: `${ORDERS_APP.identifierUri}/.default`,
      });
      expect(res.body.error_codes).toEqual([50013]);
    } finally {
      await expiring.stop();
    }
  });
});

describe('roles follow the directory', () => {
  it('adds a role after a Graph assignment and removes it after the deletion', async () => {
    const authProvider = new TokenCredentialAuthenticationProvider(portalCredential(), {
      scopes: ['https://graph.microsoft.com/.default'],
    });
    const graph = Client.initWithMiddleware({ authProvider, baseUrl: emu.urls.graphEndpoint, customHosts: new Set(['localhost']) });
    const before = await oboToken(USERS.ada.userPrincipalName, `${ORDERS_APP.identifierUri}/.default`);
    expect(before.roles).toBeUndefined();

    const created = await graph
      .api(`/servicePrincipals/${ORDERS_APP.servicePrincipalId}/appRoleAssignedTo`)
      .post({ principalId: USERS.ada.oid, resourceId: ORDERS_APP.servicePrincipalId, appRoleId: ORDERS_APP.roles['Orders.Read'] });
    const granted = await oboToken(USERS.ada.userPrincipalName, `${ORDERS_APP.identifierUri}/.default`);
    expect(granted.roles).toEqual(['Orders.Read']);

    await graph.api(`/servicePrincipals/${ORDERS_APP.servicePrincipalId}/appRoleAssignedTo/${created.id}`).delete();
    const revoked = await oboToken(USERS.ada.userPrincipalName, `${ORDERS_APP.identifierUri}/.default`);
    expect(revoked.roles).toBeUndefined();
  });

  it('grants roles through group membership changes made in Graph', async () => {
    const authProvider = new TokenCredentialAuthenticationProvider(portalCredential(), {
      scopes: ['https://graph.microsoft.com/.default'],
    });
    const graph = Client.initWithMiddleware({ authProvider, baseUrl: emu.urls.graphEndpoint, customHosts: new Set(['localhost']) });
    await graph
      .api(`/groups/${GROUPS.ordersWriters.id}/members/$ref`)
      .post({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${USERS.olivia.oid}` });
    expect((await oboToken(USERS.olivia.userPrincipalName, `${ORDERS_APP.identifierUri}/.default`)).roles).toEqual(['Orders.Write']);
    await graph.api(`/groups/${GROUPS.ordersWriters.id}/members/${USERS.olivia.oid}/$ref`).delete();
    expect((await oboToken(USERS.olivia.userPrincipalName, `${ORDERS_APP.identifierUri}/.default`)).roles).toBeUndefined();
  });
});
