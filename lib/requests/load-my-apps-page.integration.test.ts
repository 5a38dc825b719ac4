// Rule: "My apps" lists what the signed-in developer owns in Entra (read on their behalf), with the roles each app holds
// and the requests for it, and says why one registered in another tenant cannot be requested for; the request form
// offers those apps and the tenant's managed identities, nobody else's apps.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { loadNewRequestPage } from '@/lib/approvals/load-new-request-page';
import { submitRequest } from '@/lib/approvals/submit-request';
import { ada, ben } from '@/test/harness/access-people';
import { prepare, withTenant } from '@/test/harness/access-world';
import { portalUserToken } from '@/test/harness/entra-token-requests';
import { ORDERS_APP, USERS } from '@/test/harness/access-fixture';
import { CLIENT_APPS, PARTNER_CLIENT_APP, WORKLOAD_MANAGED_IDENTITY } from '@/emulator/seed/demo-tenant';
import { loadMyAppsPage } from './load-my-apps-page';

const tenant = withTenant();
const nightly = CLIENT_APPS[0];
const tokenOf = (who: 'ada' | 'ben') => () => portalUserToken(tenant().emulator.urls.authorityHost, USERS[who].userPrincipalName);

describeEngines('my apps', (engine) => {
  it('lists the apps Ada owns with the roles they hold and their open requests; Ben owns none', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const dir = tenant().emulator.directory;
    const held = dir.assign(nightly.servicePrincipalId, ORDERS_APP.servicePrincipalId, ORDERS_APP.roles['Orders.Export']!);
    try {
      const { requestId } = await submitRequest(db, ada, {
        apiId: 'orders',
        roleId: ORDERS_APP.roles['Orders.Read']!,
        justification: 'The nightly sync reads every order.',
        clientSpId: nightly.servicePrincipalId,
      });
      const page = await loadMyAppsPage(ada, db, tokenOf('ada'));
      expect(page.error).toBeNull();
      expect(page.apps.map((a) => a.client.appId)).toEqual([PARTNER_CLIENT_APP.appId, nightly.appId]);
      const app = page.apps.find((a) => a.client.appId === nightly.appId);
      expect(app!.client).toMatchObject({
        servicePrincipalId: nightly.servicePrincipalId,
        appId: nightly.appId,
        owns: ['app registration', 'service principal'],
        refusal: null,
      });
      // Owned here as a service principal only; registered in Fabrikam's tenant, so it says why it cannot be requested for.
      expect(page.apps[0]!.client).toMatchObject({ owns: ['service principal'], kind: 'application' });
      expect(page.apps[0]!.client.refusal).toContain(`registered in another tenant (${PARTNER_CLIENT_APP.homeTenantId})`);
      expect(app!.holds.map((h) => [h.roleValue, h.apis.map((a) => a.id)])).toEqual([['Orders.Export', ['orders']]]);
      expect(app!.requests.map((r) => [r.id, r.status])).toEqual([[requestId, 'pending']]);
      expect((await loadMyAppsPage(ben, db, tokenOf('ben'))).apps).toEqual([]);
    } finally {
      if (held.ok) dir.unassign(held.assignment.id);
    }
  });

  it('offers Ada her apps and the managed identities, and only application roles, on the request form', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const { clients, data } = await loadNewRequestPage(ada, 'orders', { forApp: true, database: db, userToken: tokenOf('ada') });
    const apps = clients?.filter((c) => c.kind === 'application').map((c) => [c.appId, c.refusal === null]);
    expect(apps).toEqual([
      [PARTNER_CLIENT_APP.appId, false],
      [nightly.appId, true],
    ]);
    expect(clients?.filter((c) => c.kind === 'managed-identity').map((c) => c.servicePrincipalId)).toContain(
      WORKLOAD_MANAGED_IDENTITY.principalId,
    );
    expect(data?.roles.map((r) => r.value)).toContain('Orders.Export');
    expect(data?.roles.map((r) => r.value)).not.toContain('Orders.Support');
    const forBen = await loadNewRequestPage(ben, 'orders', { forApp: true, database: db, userToken: tokenOf('ben') });
    expect(forBen.clients?.filter((c) => c.kind === 'application')).toEqual([]);
  });
});
