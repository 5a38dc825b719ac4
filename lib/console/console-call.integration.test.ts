// Rule: the console calls the gateway with the user's own on-behalf-of token and key, and explains a refusal with the doctor against the enforced policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { userToken } from '@/test/harness/gateway-calls';
import { INVENTORY_APP, ORDERS_APP, PORTAL_APP, TENANT_ID, USERS } from '../../emulator/seed/demo-tenant';
import { SEEDED_SUBSCRIPTION_KEYS } from '../../emulator/seed/apim-seed';
import { findUserSubscriptionKey } from '@/lib/azure/apim/user-subscription-key';
import { syncCatalog } from '@/lib/catalog/sync-catalog';
import { diagnoseForUser } from '@/lib/doctor/diagnose-for-user';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { runConsoleCall } from './console-call';
import { recallConsoleCall } from './console-secrets';

let env: PortalTestEnv;
const portalToken = (user: 'ada' | 'ben') => userToken(env.emulator.urls.authorityHost, user, PORTAL_APP.identifierUri);

beforeAll(async () => {
  env = await startPortalTestEnv();
  await syncCatalog(env.db);
});
afterAll(async () => env?.close());

function call(user: 'ada' | 'ben', apiId: string, operationId: string, extra: { template?: Record<string, string>; body?: string } = {}) {
  return runConsoleCall(
    env.db,
    { oid: USERS[user].oid, upn: USERS[user].userPrincipalName },
    { apiId, operationId, template: extra.template ?? {}, query: {}, headers: {}, body: extra.body },
    { userAssertion: () => portalToken(user) },
  );
}

describe('runConsoleCall', () => {
  it('creates an order as Ben: an OBO token for the Orders API carrying Orders.Write, answered 200 by the echo backend', async () => {
    const outcome = await call('ben', 'orders', 'create-order', { body: '{"customerId":"cus-1"}' });
    expect(outcome.response.status).toBe(200);
    const echo = JSON.parse(outcome.response.body) as { method: string; body: unknown; operationId: string };
    expect(echo).toMatchObject({ method: 'POST', operationId: 'create-order', body: { customerId: 'cus-1' } });
    expect(outcome.tokenClaims).toMatchObject({ aud: ORDERS_APP.appId, oid: USERS.ben.oid, azp: PORTAL_APP.appId });
    expect(outcome.tokenClaims?.roles).toContain('Orders.Write');
    expect(outcome.request.url).toBe(`${env.emulator.urls.gatewayUrl}/orders/orders`);
    expect(outcome.request.headers.find((h) => h.name === 'Authorization')).toEqual({ name: 'Authorization', value: '', secret: 'token' });
    expect(outcome.diagnosis).toBeUndefined();
    const secrets = recallConsoleCall(USERS.ben.oid, outcome.callId);
    expect(secrets?.token?.split('.')).toHaveLength(3);
    expect(recallConsoleCall(USERS.ada.oid, outcome.callId)).toBeNull();
  });

  it('is refused 403 for Ben on an Orders.Admin-only operation, with the missing role diagnosed and a request link', async () => {
    const outcome = await call('ben', 'orders', 'purge-cancelled', { body: '{"olderThanDays":365}' });
    expect(outcome.response.status).toBe(403);
    expect(outcome.diagnosis?.expectedStatus).toBe(403);
    expect(outcome.diagnosis?.diagnoses.map((d) => [d.code, d.requestRole])).toEqual([['missing-role', 'Orders.Admin']]);
    expect(outcome.requestAccess).toEqual([
      { role: 'Orders.Admin', href: `/requests/new?api=orders&role=${ORDERS_APP.roles['Orders.Admin']}` },
    ]);
  });

  it('is refused 403 for Ada, who holds no Orders role, on list-orders', async () => {
    const outcome = await call('ada', 'orders', 'list-orders');
    expect(outcome.response.status).toBe(403);
    expect(outcome.tokenClaims?.roles).toBeUndefined();
    expect(outcome.diagnosis?.diagnoses[0]).toMatchObject({
      code: 'missing-role',
      requestRole: 'Orders.Admin',
      anyOfRoles: ['Orders.Admin', 'Orders.Read', 'Orders.Write'],
    });
    expect(outcome.requestAccess.map((l) => l.role)).toEqual(['Orders.Read', 'Orders.Write', 'Orders.Admin']);
    expect(outcome.requestAccess[0]?.href).toBe(`/requests/new?api=orders&role=${ORDERS_APP.roles['Orders.Read']}`);
  });

  it('sends the user’s own subscription key where the API requires one', async () => {
    const key = await findUserSubscriptionKey({ oid: USERS.ben.oid, email: USERS.ben.userPrincipalName }, 'payments', ['partners']);
    expect(key).toMatchObject({
      subscriptionId: 'ben-partners',
      headerName: 'Ocp-Apim-Subscription-Key',
      key: SEEDED_SUBSCRIPTION_KEYS.benPartners,
    });
    expect(await findUserSubscriptionKey({ oid: USERS.ada.oid, email: USERS.ada.userPrincipalName }, 'payments', ['partners'])).toBeNull();
    const outcome = await call('ben', 'payments', 'list-payments');
    expect(outcome.subscription?.id).toBe('ben-partners');
    expect(outcome.request.headers).toContainEqual({ name: 'Ocp-Apim-Subscription-Key', value: '', secret: 'subscription-key' });
    // Past the key check: the gateway now judges the token (Ben holds no Payments role).
    expect(outcome.response.status).toBe(403);
  });

  it("explains Entra's consent refusal for the unconsented Inventory API, with the admin-consent link", async () => {
    const refusal = await call('ben', 'inventory', 'list-items').then(
      () => null,
      (error: unknown) => error as UserFacingError,
    );
    expect(refusal).toBeInstanceOf(UserFacingError);
    expect(refusal?.message).toContain('AADSTS65001');
    expect(refusal?.message).toContain('admin consent to user_impersonation on Inventory API');
    const link = new URL(refusal!.link!.href);
    expect(`${link.origin}${link.pathname}`).toBe(`${env.emulator.urls.authorityHost}/${TENANT_ID}/v2.0/adminconsent`);
    expect(link.searchParams.get('client_id')).toBe(PORTAL_APP.appId);
    expect(link.searchParams.get('scope')).toBe(`${INVENTORY_APP.identifierUri}/user_impersonation`);
  });

  it('refuses traversal in a template parameter before anything is sent', async () => {
    await expect(call('ben', 'orders', 'get-order', { template: { id: '..' } })).rejects.toThrow('cannot be ".."');
  });
});

describe('the doctor over tokens the emulator issued', () => {
  it('passes a v1 Inventory token that carries the group-held Inventory.Read', async () => {
    const token = await userToken(env.emulator.urls.authorityHost, 'ben', 'api://contoso-inventory');
    const { diagnosis } = await diagnoseForUser(env.db, USERS.ben.oid, token, { apiId: 'inventory', operationId: 'list-items' });
    expect(diagnosis.claims?.ver).toBe('1.0');
    expect(diagnosis.diagnoses).toEqual([]);
    expect(diagnosis.verdict).toBe('valid');
  });

  it('passes a v2 Orders token for create-order and fails it for an Admin operation', async () => {
    const token = await userToken(env.emulator.urls.authorityHost, 'ben', 'api://contoso-orders');
    const ok = await diagnoseForUser(env.db, USERS.ben.oid, token, { apiId: 'orders', operationId: 'create-order' });
    expect(ok.diagnosis.claims?.ver).toBe('2.0');
    expect(ok.diagnosis.checks.filter((c) => c.status === 'fail')).toEqual([]);
    const admin = await diagnoseForUser(env.db, USERS.ben.oid, token, { apiId: 'orders', operationId: 'export-orders' });
    expect(admin.diagnosis.expectedStatus).toBe(403);
  });

  it('says the portal’s own token is for Roleport, not for the Orders API', async () => {
    const { diagnosis, ownToken } = await diagnoseForUser(env.db, USERS.ada.oid, await portalToken('ada'), {
      apiId: 'orders',
      operationId: 'list-orders',
    });
    expect(ownToken).toBe(true);
    expect(diagnosis.expectedStatus).toBe(401);
    expect(diagnosis.diagnoses.map((d) => [d.code, d.title])).toEqual([
      ['wrong-audience', 'This is a token for Roleport itself, not for the API'],
    ]);
  });

  it('leaves the directory out for a token of another user', async () => {
    const token = await userToken(env.emulator.urls.authorityHost, 'ben', 'api://contoso-orders');
    let read = 0;
    const result = await diagnoseForUser(env.db, USERS.ada.oid, token, { apiId: 'orders', operationId: 'create-order' }, async () => {
      read += 1;
      return [];
    });
    expect(result.ownToken).toBe(false);
    expect(read).toBe(0);
  });
});
