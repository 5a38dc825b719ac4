// Rule: each feature degrades with a message naming the Graph permission or RBAC action Roleport's identity lacks, never a 500.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { INVENTORY_APP, NOTIFICATIONS_MAILBOX, ORDERS_APP, USERS } from '../../emulator/seed/demo-tenant';
import { PORTAL_GRAPH_PERMISSIONS } from '../../emulator/seed/directory-seed';
import { PORTAL_ARM_ROLES } from '../../emulator/seed/rbac-seed';
import { addApplicationAppRole } from '@/lib/azure/graph/app-roles';
import { addGroupMember } from '@/lib/azure/graph/group-members';
import { createUserAssignment } from '@/lib/azure/graph/role-assignments';
import { sendMail } from '@/lib/azure/graph/send-mail';
import { syncCatalog } from '@/lib/catalog/sync-catalog';
import { runConsoleCall } from '@/lib/console/console-call';
import { applyRoleMap } from '@/lib/policy-studio/apply-role-map';
import { previewRoleMap } from '@/lib/policy-studio/preview-plan';
import { userToken } from '@/test/harness/gateway-calls';

let env: PortalTestEnv;
const PRIYA = { oid: USERS.priya.oid, name: 'Priya Natarajan', isAdmin: true };

beforeAll(async () => {
  // Tokens shorter-lived than MSAL's five-minute renewal window: every call gets a token with the current grants.
  env = await startPortalTestEnv({ emulator: { tokenLifetimeSeconds: 60 } });
  expect((await syncCatalog(env.db)).status).toBe('succeeded');
});
afterAll(async () => env?.close());
afterEach(async () => {
  await permissions({ graph: PORTAL_GRAPH_PERMISSIONS, arm: PORTAL_ARM_ROLES });
});

async function permissions(body?: { graph?: string[]; arm?: string[] }) {
  const res = await fetch(`${env.emulator.urls.authorityHost}/_emulator/permissions`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { graph: string[]; arm: string[] };
}
const without = (list: string[], name: string) => list.filter((p) => p !== name);

describe("Roleport's identity in the emulator", () => {
  it('starts with exactly what the README documents', async () => {
    expect(await permissions()).toEqual({ graph: [...PORTAL_GRAPH_PERMISSIONS].sort(), arm: PORTAL_ARM_ROLES });
  });

  it('catalog sync names the ARM read it lacks', async () => {
    await permissions({ arm: [] });
    const report = await syncCatalog(env.db);
    expect(report.status).toBe('failed');
    expect(report.error).toContain('Microsoft.ApiManagement/service/read');
    expect(report.error).toContain('AuthorizationFailed');
  });

  it('catalog sync names Application.Read.All when it cannot read the app registrations', async () => {
    await permissions({ graph: without(PORTAL_GRAPH_PERMISSIONS, 'Application.Read.All') });
    const report = await syncCatalog(env.db);
    const reasons = [report.error ?? '', ...report.failedApis.map((f) => f.error)].join('\n');
    expect(reasons).toContain('Application.Read.All');
  });

  it('studio apply names the policy write action API Management Service Reader Role lacks', async () => {
    await permissions({ arm: ['API Management Service Reader Role'] });
    const map = { 'delete-order': ['Orders.Admin'] };
    const preview = await previewRoleMap(env.db, PRIYA, { apiId: 'orders', map });
    const outcome = await applyRoleMap(env.db, PRIYA, { apiId: 'orders', map, etags: preview.etags }).catch((e: unknown) => e as Error);
    const text = outcome instanceof Error ? outcome.message : JSON.stringify(outcome.failed);
    expect(text).toContain('Microsoft.ApiManagement/service/apis/operations/policies/write');
  });

  it('adding an app role needs Application.ReadWrite.OwnedBy (as an owner) or .All', async () => {
    await permissions({ graph: without(PORTAL_GRAPH_PERMISSIONS, 'Application.ReadWrite.OwnedBy') });
    const role = { value: 'Orders.Audit', displayName: 'Orders auditors', description: 'Read the audit trail.' };
    await expect(addApplicationAppRole(ORDERS_APP.objectId, role)).rejects.toThrow(/Application\.ReadWrite\.OwnedBy/);
    // OwnedBy covers only apps Roleport owns.
    env.emulator.directory.applications.get(INVENTORY_APP.objectId)!.owners = [USERS.priya.oid];
    await permissions({ graph: PORTAL_GRAPH_PERMISSIONS });
    await expect(addApplicationAppRole(INVENTORY_APP.objectId, { ...role, value: 'Inventory.Audit' })).rejects.toThrow(
      /Application\.ReadWrite\.OwnedBy/,
    );
    expect(await addApplicationAppRole(ORDERS_APP.objectId, role)).toMatchObject({ value: 'Orders.Audit' });
  });

  it('grants and group grants name AppRoleAssignment.ReadWrite.All and GroupMember.ReadWrite.All', async () => {
    await permissions({
      graph: without(without(PORTAL_GRAPH_PERMISSIONS, 'AppRoleAssignment.ReadWrite.All'), 'GroupMember.ReadWrite.All'),
    });
    const assign = createUserAssignment({
      resourceSpId: ORDERS_APP.servicePrincipalId,
      principalId: USERS.ada.oid,
      appRoleId: ORDERS_APP.roles['Orders.Read']!,
    });
    await expect(assign).rejects.toMatchObject({ statusCode: 403, message: expect.stringContaining('AppRoleAssignment.ReadWrite.All') });
    await expect(addGroupMember('e7f1a3b5-0002-4c2d-8e9f-000000000002', USERS.ada.oid)).rejects.toThrow(/GroupMember\.ReadWrite\.All/);
  });

  it('the console sends without a key and says listSecrets is missing', async () => {
    await permissions({ arm: ['API Management Service Reader Role'] });
    const outcome = await runConsoleCall(
      env.db,
      { oid: USERS.ben.oid, upn: USERS.ben.userPrincipalName },
      { apiId: 'payments', operationId: 'list-payments', template: {}, query: {}, headers: {} },
      {
        userAssertion: () => userToken(env.emulator.urls.authorityHost, 'ben', 'api://9d2c6f1a-5b7e-4c3d-a8f0-10000000000a'),
      },
    );
    expect(outcome.subscription).toBeUndefined();
    expect(outcome.notes.join(' ')).toContain('Microsoft.ApiManagement/service/subscriptions/listSecrets/action');
  });

  it('email notifications name Mail.Send when Outlook refuses sendMail (ErrorAccessDenied)', async () => {
    const mail = { to: USERS.ada.userPrincipalName, subject: 'Waiting', html: '<p>Hi</p>' };
    await sendMail(NOTIFICATIONS_MAILBOX.userPrincipalName, mail);
    await permissions({ graph: without(PORTAL_GRAPH_PERMISSIONS, 'Mail.Send') });
    await expect(sendMail(NOTIFICATIONS_MAILBOX.userPrincipalName, mail)).rejects.toThrow(/Mail\.Send/);
  });
});
