// Rule: the emulated Graph and Entra treat client service principals as Graph does: owners, ownedObjects on a user's
// behalf, application-type role assignments only, and client-credentials tokens that carry (and lose) those roles.
import {
  OnBehalfOfCredential,
  type AuthorityValidationOptions,
  type MultiTenantTokenCredentialOptions,
  type OnBehalfOfCredentialSecretOptions,
} from '@azure/identity';
import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf, portalUserToken, postToken } from '@/test/harness/entra-token-requests';
import { CLIENT_APPS, ORDERS_APP, PARTNER_CLIENT_APP, PORTAL_APP, TENANT_ID, USERS, WORKLOAD_MANAGED_IDENTITY } from '../seed/demo-tenant';
import type { RunningEmulator } from '../start';
import { graphClientFor, graphError, startGraphEmulator } from './test-support/graph-client';

const nightly = CLIENT_APPS[0];
let emu: RunningEmulator;
let graph: Client;
beforeAll(async () => {
  ({ emu, graph } = await startGraphEmulator());
});
afterAll(() => emu?.stop());

const clientToken = async () => {
  const { status, body } = await postToken(emu.urls.authorityHost, {
    grant_type: 'client_credentials',
    client_id: nightly.appId,
    client_secret: nightly.clientSecret,
    scope: `${ORDERS_APP.identifierUri}/.default`,
  });
  expect(status).toBe(200);
  return claimsOf(body.access_token as string);
};

describe('client service principals', () => {
  it('lists a service principal type and its owners; a managed identity has none', async () => {
    const list = await graph.api('/servicePrincipals').filter("servicePrincipalType eq 'ManagedIdentity'").get();
    expect(list.value.map((s: { id: string }) => s.id)).toContain(WORKLOAD_MANAGED_IDENTITY.principalId);
    const owners = await graph.api(`/servicePrincipals/${nightly.servicePrincipalId}/owners`).get();
    expect(owners.value.map((o: { id: string; '@odata.type': string }) => [o['@odata.type'], o.id])).toEqual([
      ['#microsoft.graph.user', USERS.ada.oid],
    ]);
    const none = await graph.api(`/servicePrincipals/${WORKLOAD_MANAGED_IDENTITY.principalId}/owners`).get();
    expect(none.value).toEqual([]);
  });

  it("lists the signed-in user's owned applications and service principals on their behalf only", async () => {
    const assertion = await portalUserToken(emu.urls.authorityHost, USERS.ada.userPrincipalName);
    const options: OnBehalfOfCredentialSecretOptions & MultiTenantTokenCredentialOptions & AuthorityValidationOptions = {
      tenantId: TENANT_ID,
      clientId: PORTAL_APP.appId,
      clientSecret: PORTAL_APP.clientSecret,
      userAssertionToken: assertion,
      authorityHost: emu.urls.authorityHost,
      disableInstanceDiscovery: true,
    };
    const obo = new OnBehalfOfCredential(options);
    const asAda = graphClientFor(emu, obo);
    const owned = await asAda.api('/me/ownedObjects').get();
    expect(owned.value.map((o: { id: string; '@odata.type': string }) => [o['@odata.type'], o.id])).toEqual([
      ['#microsoft.graph.application', nightly.objectId],
      ['#microsoft.graph.servicePrincipal', nightly.servicePrincipalId],
      ['#microsoft.graph.servicePrincipal', PARTNER_CLIENT_APP.servicePrincipalId],
    ]);
    // A partner's multi-tenant app: its service principal here names the tenant it is registered in, and this tenant
    // has no application object for it.
    const partner = await asAda.api('/me/ownedObjects/microsoft.graph.servicePrincipal').select('id,appOwnerOrganizationId').get();
    expect(partner.value.map((o: { id: string; appOwnerOrganizationId: string }) => [o.id, o.appOwnerOrganizationId])).toContainEqual([
      PARTNER_CLIENT_APP.servicePrincipalId,
      PARTNER_CLIENT_APP.homeTenantId,
    ]);
    expect((await graphError(graph.api(`/applications(appId='${PARTNER_CLIENT_APP.appId}')`).get())).statusCode).toBe(404);
    const apps = await asAda.api('/me/ownedObjects/microsoft.graph.application').get();
    expect(apps.value.map((o: { appId: string }) => o.appId)).toEqual([nightly.appId]);
    const refused = await graphError(graph.api('/me/ownedObjects').get());
    expect([refused.statusCode, refused.message]).toEqual([400, '/me request is only valid with delegated authentication flow.']);
  });

  it('assigns application-type roles to a service principal, refuses people-only roles, and tokens follow', async () => {
    const before = await clientToken();
    expect(before.idtyp).toBe('app');
    expect(before.roles).toBeUndefined();
    expect(before.scp).toBeUndefined();
    const assign = (roleId: string) =>
      graph
        .api(`/servicePrincipals/${ORDERS_APP.servicePrincipalId}/appRoleAssignedTo`)
        .post({ principalId: nightly.servicePrincipalId, resourceId: ORDERS_APP.servicePrincipalId, appRoleId: roleId });
    const refused = await graphError(assign(ORDERS_APP.roles['Orders.Support']!));
    expect([refused.statusCode, refused.code]).toEqual([400, 'Request_BadRequest']);
    const userToAppOnly = await graphError(
      graph.api(`/servicePrincipals/${ORDERS_APP.servicePrincipalId}/appRoleAssignedTo`).post({
        principalId: USERS.ada.oid,
        resourceId: ORDERS_APP.servicePrincipalId,
        appRoleId: ORDERS_APP.roles['Orders.Export'],
      }),
    );
    expect(userToAppOnly.statusCode).toBe(400);
    const created = await assign(ORDERS_APP.roles['Orders.Export']!);
    expect(created.principalType).toBe('ServicePrincipal');
    const listed = await graph.api(`/servicePrincipals/${nightly.servicePrincipalId}/appRoleAssignments`).get();
    expect(listed.value.map((a: { id: string }) => a.id)).toEqual([created.id]);
    const duplicate = await graphError(assign(ORDERS_APP.roles['Orders.Export']!));
    expect(duplicate.message).toMatch(/already exists/);
    const granted = await clientToken();
    expect([granted.roles, granted.azp, granted.idtyp, granted.scp]).toEqual([['Orders.Export'], nightly.appId, 'app', undefined]);
    await graph.api(`/servicePrincipals/${ORDERS_APP.servicePrincipalId}/appRoleAssignedTo/${created.id}`).delete();
    expect((await clientToken()).roles).toBeUndefined();
  });
});
