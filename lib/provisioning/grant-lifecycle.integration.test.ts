// Rule: a grant ends in Entra when it expires or is revoked, and Roleport notices grants removed in Entra behind its back.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { sweepExpiredGrants } from './expiry-sweeper';
import { runDueProvisioningJobs } from './provisioning-worker';
import { reconcileAssignments } from './reconcile-assignments';
import { revokeGrant, TOKENS_STAY_VALID } from './revoke-grant';
import { GROUPS, ordersAssignmentsOf, ordersTokenRoles, USERS } from '@/test/harness/access-fixture';
import { ada, ben, olivia, priya, writeRoleId } from '@/test/harness/access-people';
import { approvedRequest, prepare, requestRow, withTenant, worker, grantOrdersWriteThroughGroup } from '@/test/harness/access-world';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';

const tenant = withTenant();

async function activeGrant(db: Kysely<Database>, roleId?: string): Promise<string> {
  const id = await approvedRequest(db, ada, roleId);
  await runDueProvisioningJobs(db, worker);
  expect((await requestRow(db, id)).status).toBe('active');
  return id;
}

describeEngines('grant lifecycle', (engine) => {
  it('expires a grant past its end: the assignment is deleted, then the request is expired', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const id = await activeGrant(db);
    expect(await sweepExpiredGrants(db)).toBe(0);
    await db.updateTable('access_request').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
    expect(await sweepExpiredGrants(db)).toBe(1);
    // A second sweep (another replica) does not queue the same removal twice.
    expect(await sweepExpiredGrants(db)).toBe(0);
    expect((await requestRow(db, id)).status).toBe('active');
    await runDueProvisioningJobs(db, worker);
    expect(await requestRow(db, id)).toMatchObject({ status: 'expired' });
    expect(ordersAssignmentsOf(tenant().emulator, 'ada')).toHaveLength(0);
    expect(await ordersTokenRoles(tenant().emulator, 'ada')).not.toContain('Orders.Read');
  });

  it('lets the requester give up a grant and says plainly that issued tokens stay valid', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const id = await activeGrant(db);
    const version = Number((await requestRow(db, id)).version);
    const { message } = await revokeGrant(db, ada, id, { expectedVersion: version });
    expect(message).toBe(`Orders.Read is being removed. ${TOKENS_STAY_VALID}`);
    await expect(revokeGrant(db, ada, id, { expectedVersion: version + 1 })).rejects.toThrow(/already under way/);
    await runDueProvisioningJobs(db, worker);
    expect((await requestRow(db, id)).status).toBe('revoked');
    expect(ordersAssignmentsOf(tenant().emulator, 'ada')).toHaveLength(0);
    const actions = (await db.selectFrom('audit_event').select('action').where('subject_id', '=', id).orderBy('seq').execute()).map(
      (e) => e.action,
    );
    expect(actions.slice(-2)).toEqual(['request.relinquished', 'request.revoked']);
  });

  it('lets an owner or admin revoke with a reason, and refuses anyone else', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const id = await activeGrant(db);
    const version = Number((await requestRow(db, id)).version);
    await expect(revokeGrant(db, ben, id, { reason: 'tidy up', expectedVersion: version })).rejects.toThrow(
      'There is no such request, or it is not yours to see.',
    );
    await expect(revokeGrant(db, olivia, id, { expectedVersion: version })).rejects.toThrow(
      'Say why you revoke this grant; the requester will read it.',
    );
    await revokeGrant(db, olivia, id, { reason: 'Project ended', expectedVersion: version });
    await runDueProvisioningJobs(db, worker);
    expect((await requestRow(db, id)).status).toBe('revoked');
    await expect(revokeGrant(db, priya, id, { reason: 'again', expectedVersion: version + 1 })).rejects.toThrow(
      'This request has been revoked; only an active grant can be revoked.',
    );
  });

  it('removes a group grant by removing the membership', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await grantOrdersWriteThroughGroup(db);
    const id = await activeGrant(db, writeRoleId);
    await revokeGrant(db, ada, id, { expectedVersion: Number((await requestRow(db, id)).version) });
    await runDueProvisioningJobs(db, worker);
    expect((await requestRow(db, id)).status).toBe('revoked');
    expect(tenant().emulator.directory.groups.get(GROUPS.ordersWriters.id)?.members.has(USERS.ada.oid)).toBe(false);
  });

  it('marks a grant deleted in Entra as revoked and reports assignments Roleport did not make', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const id = await activeGrant(db);
    await expect(reconcileAssignments(db, olivia, 'orders')).rejects.toThrow('Only a portal admin can reconcile grants.');
    const clean = await reconcileAssignments(db, priya, 'orders');
    expect(clean.removedInEntra).toEqual([]);
    // Ben's Orders.Write and the Orders Writers group's were assigned by hand in the demo tenant.
    expect(clean.external.map((a) => [a.principalType, a.principalId, a.roleValue]).sort()).toEqual([
      ['Group', GROUPS.ordersWriters.id, 'Orders.Write'],
      ['User', USERS.ben.oid, 'Orders.Write'],
    ]);

    const row = await requestRow(db, id);
    tenant().emulator.directory.unassign(row.assignment_id!);
    const report = await reconcileAssignments(db, null, 'orders');
    expect(report.removedInEntra).toEqual([{ requestId: id, requesterName: 'Ada Lovelace', roleValue: 'Orders.Read' }]);
    expect(await requestRow(db, id)).toMatchObject({ status: 'revoked', failure_reason: 'Removed in Entra outside Roleport.' });
    const audit = await db
      .selectFrom('audit_event')
      .select(['action', 'actor_name'])
      .where('subject_id', '=', id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'request.removed_in_entra', actor_name: 'Roleport' });
    expect((await reconcileAssignments(db, null, 'orders')).removedInEntra).toEqual([]);
  });
});
