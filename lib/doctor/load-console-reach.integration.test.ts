// Rule: the doctor lists each API the console cannot call on behalf of users, why, and the consent that fixes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { INVENTORY_APP, ORDERS_APP, PAYMENTS_APP, PORTAL_APP, USERS } from '../../emulator/seed/demo-tenant';
import { loadConsoleReach } from './load-console-reach';

let env: PortalTestEnv;
beforeAll(async () => {
  env = await startPortalTestEnv();
});
afterAll(async () => env?.close());

const APIS = [ORDERS_APP, INVENTORY_APP, PAYMENTS_APP].map((a) => ({ displayName: a.displayName, appId: a.appId }));

describe('loadConsoleReach', () => {
  it('passes admin-consented Orders and pre-authorizing Payments, and fails unconsented Inventory with the admin-consent link', async () => {
    const reach = await loadConsoleReach(APIS);
    expect(reach.get(ORDERS_APP.appId)).toMatchObject({ status: 'ok', detail: expect.stringContaining('An administrator consented') });
    expect(reach.get(PAYMENTS_APP.appId)).toMatchObject({ status: 'ok', detail: expect.stringContaining('pre-authorizes Roleport') });
    const inventory = reach.get(INVENTORY_APP.appId);
    expect(inventory).toMatchObject({ status: 'error', title: 'The console cannot call this API: Roleport has no consent' });
    expect(inventory?.detail).toContain('AADSTS65001');
    expect(inventory?.link?.href).toContain('/v2.0/adminconsent?client_id=');
  });

  it('warns when only some users consented, and names an API that exposes no scope', async () => {
    env.emulator.directory.grantDelegated(
      PORTAL_APP.servicePrincipalId,
      INVENTORY_APP.servicePrincipalId,
      'user_impersonation',
      USERS.ben.oid,
    );
    expect((await loadConsoleReach(APIS)).get(INVENTORY_APP.appId)).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('1 user has consented'),
    });
    env.emulator.directory.applicationByAppId(PAYMENTS_APP.appId)!.api.oauth2PermissionScopes.forEach((s) => (s.isEnabled = false));
    expect((await loadConsoleReach(APIS)).get(PAYMENTS_APP.appId)).toMatchObject({
      status: 'error',
      title: 'The console cannot call this API: it exposes no delegated permission',
    });
  });
});
