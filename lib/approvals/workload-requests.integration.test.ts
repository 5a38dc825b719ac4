// Rule: a developer requests an app role for an application they own through the same request, approval and outbox as
// for people; Graph grants it to the client's service principal, and every refusal leaves nothing half-written.
import { afterEach, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { describeEngines } from '@/test/harness/database-engines';
import type { Database } from '@/lib/db/types';
import { runDueProvisioningJobs } from '@/lib/provisioning/provisioning-worker';
import { sweepExpiredGrants } from '@/lib/provisioning/expiry-sweeper';
import { revokeGrant } from '@/lib/provisioning/revoke-grant';
import { reconcileAssignments } from '@/lib/provisioning/reconcile-assignments';
import { listApprovalQueue } from './list-approval-queue';
import { decideRequest } from './decide-request';
import { submitRequest } from './submit-request';
import { ada, ben, olivia, priya } from '@/test/harness/access-people';
import { prepare, requestRow, withTenant, worker } from '@/test/harness/access-world';
import { ORDERS_APP } from '@/test/harness/access-fixture';
import { CLIENT_APPS, PARTNER_CLIENT_APP, WORKLOAD_MANAGED_IDENTITY } from '@/emulator/seed/demo-tenant';
import { claimsOf, postToken } from '@/test/harness/entra-token-requests';

const tenant = withTenant();
const nightly = CLIENT_APPS[0];
const justification = 'The nightly sync reads every order.';
const readRole = ORDERS_APP.roles['Orders.Read']!;
const forApp = (roleId = readRole, clientSpId: string = nightly.servicePrincipalId) => ({
  apiId: 'orders',
  roleId,
  justification,
  durationDays: 30,
  clientSpId,
});

afterEach(() => {
  const dir = tenant().emulator.directory;
  for (const a of dir.assignmentsTo(ORDERS_APP.servicePrincipalId)) if (a.principalType === 'ServicePrincipal') dir.unassign(a.id);
  dir.servicePrincipals.get(nightly.servicePrincipalId)!.owners = [ada.oid];
  dir.applications.get(nightly.objectId)!.owners = [ada.oid];
});

async function clientRoles(): Promise<string[]> {
  const { body } = await postToken(tenant().emulator.urls.authorityHost, {
    grant_type: 'client_credentials',
    client_id: nightly.appId,
    client_secret: nightly.clientSecret,
    scope: `${ORDERS_APP.identifierUri}/.default`,
  });
  return (claimsOf(body.access_token as string).roles as string[] | undefined) ?? [];
}

const rowCount = async (db: Kysely<Database>) =>
  Number(
    (
      await db
        .selectFrom('access_request')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEngines('workload requests', (engine) => {
  it('grants an owned app the role through the same queue and outbox; its next token carries it; revoking removes it', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    expect(await clientRoles()).toEqual([]);
    const { requestId, status } = await submitRequest(db, ada, forApp());
    expect(status).toBe('pending');
    expect(await requestRow(db, requestId)).toMatchObject({
      principal_type: 'service-principal',
      principal_id: nightly.servicePrincipalId,
      client_app_id: nightly.appId,
      client_display_name: 'nightly-sync',
      client_sp_type: 'Application',
      grant_kind: 'direct',
    });
    const queue = await listApprovalQueue(db, olivia);
    expect(queue.map((r) => [r.id, r.client?.displayName])).toEqual([[requestId, 'nightly-sync']]);
    await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 });
    await runDueProvisioningJobs(db, worker);
    const active = await requestRow(db, requestId);
    expect(active.status).toBe('active');
    expect(tenant().emulator.directory.assignments.get(active.assignment_id!)?.principalId).toBe(nightly.servicePrincipalId);
    expect(await clientRoles()).toEqual(['Orders.Read']);
    const events = (await db.selectFrom('webhook_delivery').select('event').execute()).map((w) => JSON.parse(w.event) as unknown);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'request.activated', principal: expect.objectContaining({ appId: nightly.appId }) }),
    );
    // Reconciliation counts the service principal's assignment as Roleport's own.
    const report = await reconcileAssignments(db, priya, 'orders');
    expect(report.external.map((e) => e.principalId)).not.toContain(nightly.servicePrincipalId);
    expect(report.removedInEntra).toEqual([]);

    await revokeGrant(db, ada, requestId, { expectedVersion: Number(active.version) });
    await runDueProvisioningJobs(db, worker);
    expect((await requestRow(db, requestId)).status).toBe('revoked');
    expect(await clientRoles()).toEqual([]);
  });

  it('expires an app grant and notices one removed in Entra, on the service principal', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const active = async (roleId: string) => {
      const { requestId } = await submitRequest(db, ada, forApp(roleId));
      await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 });
      await runDueProvisioningJobs(db, worker);
      return requestRow(db, requestId);
    };
    const read = await active(readRole);
    const exported = await active(ORDERS_APP.roles['Orders.Export']!);
    expect((await clientRoles()).sort()).toEqual(['Orders.Export', 'Orders.Read']);
    await db.updateTable('access_request').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', read.id).execute();
    expect(await sweepExpiredGrants(db)).toBe(1);
    await runDueProvisioningJobs(db, worker);
    expect((await requestRow(db, read.id)).status).toBe('expired');
    tenant().emulator.directory.unassign(exported.assignment_id!);
    const report = await reconcileAssignments(db, priya, 'orders');
    expect(report.removedInEntra.map((r) => r.requestId)).toEqual([exported.id]);
    expect((await requestRow(db, exported.id)).status).toBe('revoked');
    expect(await clientRoles()).toEqual([]);
  });

  it('adopts an assignment the app already got outside Roleport instead of failing on the duplicate', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const { requestId } = await submitRequest(db, ada, forApp());
    await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 });
    const made = tenant().emulator.directory.assign(nightly.servicePrincipalId, ORDERS_APP.servicePrincipalId, readRole);
    expect(made.ok).toBe(true);
    await runDueProvisioningJobs(db, worker);
    const row = await requestRow(db, requestId);
    expect(row.status).toBe('active');
    expect(row.assignment_id).toBe(made.ok ? made.assignment.id : null);
  });

  it('refuses a non-owner, a people-only role, a deleted or foreign service principal, and writes nothing', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const dir = tenant().emulator.directory;
    await expect(submitRequest(db, ben, forApp())).rejects.toThrow('You do not own nightly-sync');
    await expect(submitRequest(db, ada, forApp(ORDERS_APP.roles['Orders.Support']))).rejects.toThrow(
      'Orders.Support cannot be assigned to applications.',
    );
    await expect(submitRequest(db, ada, { ...forApp(ORDERS_APP.roles['Orders.Export']), clientSpId: undefined })).rejects.toThrow(
      'Orders.Export cannot be assigned to people.',
    );
    await expect(submitRequest(db, ada, forApp(readRole, 'a7e3c1d9-0009-4b2f-8c6a-c00000000009'))).rejects.toThrow(
      /no service principal .* in this tenant/,
    );
    // The demo's partner app: registered in Fabrikam's tenant, its service principal here owned by Ada.
    expect(dir.servicePrincipals.get(PARTNER_CLIENT_APP.servicePrincipalId)?.owners).toContain(ada.oid);
    await expect(submitRequest(db, ada, forApp(readRole, PARTNER_CLIENT_APP.servicePrincipalId))).rejects.toThrow(
      `Fabrikam Invoice Sync is registered in another tenant (${PARTNER_CLIENT_APP.homeTenantId}); Roleport grants roles only to this tenant's own applications`,
    );
    const orders = await db.selectFrom('catalog_app').select('app_roles').where('app_id', '=', ORDERS_APP.appId).executeTakeFirstOrThrow();
    const disabled = (JSON.parse(orders.app_roles) as { value: string; isEnabled: boolean }[]).map((r) =>
      r.value === 'Orders.Read' ? { ...r, isEnabled: false } : r,
    );
    await db
      .updateTable('catalog_app')
      .set({ app_roles: JSON.stringify(disabled) })
      .where('app_id', '=', ORDERS_APP.appId)
      .execute();
    await expect(submitRequest(db, ada, forApp())).rejects.toThrow('Orders.Read is disabled on Orders API.');
    expect(await rowCount(db)).toBe(0);
    expect(await db.selectFrom('access_request_client_owner').selectAll().execute()).toEqual([]);
  });

  it('fails the grant with the reason when the requester no longer owns the app at provisioning', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const { requestId } = await submitRequest(db, ada, forApp());
    await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 });
    const dir = tenant().emulator.directory;
    dir.servicePrincipals.get(nightly.servicePrincipalId)!.owners = [];
    dir.applications.get(nightly.objectId)!.owners = [];
    await runDueProvisioningJobs(db, worker);
    const row = await requestRow(db, requestId);
    expect(row.status).toBe('failed');
    expect(row.failure_reason).toContain('Ada Lovelace does not own nightly-sync');
    expect(dir.assignmentsOf(nightly.servicePrincipalId)).toEqual([]);
  });

  it('keeps an owner of both the app and the API from approving the app’s request', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    tenant().emulator.directory.servicePrincipals.get(nightly.servicePrincipalId)!.owners = [ada.oid, olivia.oid];
    const { requestId } = await submitRequest(db, ada, forApp());
    expect(await listApprovalQueue(db, olivia)).toEqual([]);
    await expect(decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 })).rejects.toThrow('You own nightly-sync');
    expect((await decideRequest(db, priya, requestId, { verdict: 'approve', expectedVersion: 1 })).outcome).toBe('approved');
  });

  it('puts a portal admin’s stage first for a managed identity, which has no owners', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const { requestId, status } = await submitRequest(db, ada, forApp(readRole, WORKLOAD_MANAGED_IDENTITY.principalId));
    expect(status).toBe('pending');
    expect((await requestRow(db, requestId)).client_sp_type).toBe('ManagedIdentity');
    expect(await listApprovalQueue(db, olivia)).toEqual([]);
    await expect(decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 })).rejects.toThrow(
      'its first stage is decided by a portal admin',
    );
    expect((await decideRequest(db, priya, requestId, { verdict: 'approve', expectedVersion: 1 })).outcome).toBe('stage-approved');
    expect((await listApprovalQueue(db, olivia)).map((r) => r.id)).toEqual([requestId]);
    expect((await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 2 })).outcome).toBe('approved');
    await runDueProvisioningJobs(db, worker);
    expect((await requestRow(db, requestId)).status).toBe('active');
    expect(tenant().emulator.directory.rolesFor(WORKLOAD_MANAGED_IDENTITY.principalId, ORDERS_APP.appId)).toEqual(['Orders.Read']);
  });
});
