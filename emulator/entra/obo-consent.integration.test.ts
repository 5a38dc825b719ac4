// Rule: on-behalf-of yields only delegated scopes granted by consent or pre-authorization; otherwise Entra's AADSTS65001.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../start';
import { INVENTORY_APP, ORDERS_APP, PAYMENTS_APP, PORTAL_APP, USERS } from '../seed/demo-tenant';
import { claimsOf, portalUserToken, postToken } from '@/test/harness/entra-token-requests';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ ports: { entra: 0 }, surfaces: ['entra'] });
});
afterAll(() => emu?.stop());

const inventory = () => emu.directory.applicationByAppId(INVENTORY_APP.appId)!;
beforeEach(() => {
  // Each case starts from the seeded state: no grant on Inventory, one enabled scope, no client lists.
  for (const [id, g] of emu.directory.permissionGrants)
    if (g.resourceId === INVENTORY_APP.servicePrincipalId) emu.directory.permissionGrants.delete(id);
  inventory().api.oauth2PermissionScopes.forEach((s) => (s.isEnabled = true));
  inventory().api.knownClientApplications = [];
});

async function obo(user: keyof typeof USERS, scope: string) {
  return postToken(emu.urls.authorityHost, {
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    client_id: PORTAL_APP.appId,
    client_secret: PORTAL_APP.clientSecret,
    assertion: await portalUserToken(emu.urls.authorityHost, USERS[user].userPrincipalName),
    requested_token_use: 'on_behalf_of',
    scope: `${scope} openid profile offline_access`,
  });
}

function expectConsentRequired(res: Awaited<ReturnType<typeof obo>>) {
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ error: 'invalid_grant', error_codes: [65001], suberror: 'consent_required' });
  expect(res.body.error_description).toMatch(
    new RegExp(
      `^AADSTS65001: The user or administrator has not consented to use the application with ID '${PORTAL_APP.appId}' named 'Roleport'\\.`,
    ),
  );
}

describe('on-behalf-of consent', () => {
  it('issues a token for an API the admin consented to (Orders) and one that pre-authorizes the portal (Payments)', async () => {
    const orders = await obo('ben', `${ORDERS_APP.identifierUri}/.default`);
    expect(orders.status).toBe(200);
    expect(claimsOf(orders.body.access_token as string).scp).toBe('user_impersonation');
    const payments = await obo('ben', `${PAYMENTS_APP.identifierUri}/user_impersonation`);
    expect(payments.status).toBe(200);
  });

  it('refuses the unconsented Inventory API with AADSTS65001 consent_required, for .default and for the named scope', async () => {
    expectConsentRequired(await obo('ben', `${INVENTORY_APP.identifierUri}/.default`));
    expectConsentRequired(await obo('ben', `${INVENTORY_APP.identifierUri}/user_impersonation`));
  });

  it("honours one user's consent for that user only, and admin consent for everyone", async () => {
    emu.directory.grantDelegated(PORTAL_APP.servicePrincipalId, INVENTORY_APP.servicePrincipalId, 'user_impersonation', USERS.ben.oid);
    expect((await obo('ben', `${INVENTORY_APP.identifierUri}/.default`)).status).toBe(200);
    expectConsentRequired(await obo('ada', `${INVENTORY_APP.identifierUri}/.default`));
    emu.directory.grantDelegated(PORTAL_APP.servicePrincipalId, INVENTORY_APP.servicePrincipalId, 'user_impersonation');
    expect((await obo('ada', `${INVENTORY_APP.identifierUri}/.default`)).status).toBe(200);
  });

  it('does not treat knownClientApplications as consent', async () => {
    inventory().api.knownClientApplications = [PORTAL_APP.appId];
    expectConsentRequired(await obo('ben', `${INVENTORY_APP.identifierUri}/.default`));
  });

  it('refuses an API that exposes no enabled delegated scope, even with a grant naming one', async () => {
    emu.directory.grantDelegated(PORTAL_APP.servicePrincipalId, INVENTORY_APP.servicePrincipalId, 'user_impersonation');
    inventory().api.oauth2PermissionScopes.forEach((s) => (s.isEnabled = false));
    expectConsentRequired(await obo('ben', `${INVENTORY_APP.identifierUri}/.default`));
  });
});
