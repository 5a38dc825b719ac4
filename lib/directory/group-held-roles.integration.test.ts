// Rule: a role a group holds belongs to the group: Roleport shows it as held through the group and never adopts or deletes it.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { addGroup } from '@/test/harness/directory-groups';
import type { Database } from '@/lib/db/types';
import { sweepExpiredGrants } from '@/lib/provisioning/expiry-sweeper';
import { forgetHeldRoles, getHeldRoles } from './held-roles';
import { runDueProvisioningJobs } from '@/lib/provisioning/provisioning-worker';
import { reconcileAssignments } from '@/lib/provisioning/reconcile-assignments';
import { revokeGrant } from '@/lib/provisioning/revoke-grant';
import { GROUPS, INVENTORY_APP, ORDERS_APP, ordersAssignmentsOf, ordersTokenRoles, USERS } from '@/test/harness/access-fixture';
import { ada, ben, writeRoleId } from '@/test/harness/access-people';
import { approvedRequest, prepare, requestRow, withTenant, worker } from '@/test/harness/access-world';

const tenant = withTenant();

function joinOrdersWriters(...users: (keyof typeof USERS)[]) {
  const group = tenant().emulator.directory.groups.get(GROUPS.ordersWriters.id)!;
  for (const user of users) group.members.add(USERS[user].oid);
}

/** The Orders Writers group's own assignment of Orders.Write, as the seed made it. */
function groupAssignment() {
  const found = tenant()
    .emulator.directory.assignmentsOf(GROUPS.ordersWriters.id)
    .filter((a) => a.resourceId === ORDERS_APP.servicePrincipalId && a.appRoleId === writeRoleId);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Ada's request for Orders.Write, approved; she joins the group that holds the role before the worker runs. */
async function approvedThenJoined(db: Kysely<Database>) {
  await prepare(db);
  const group = groupAssignment();
  const id = await approvedRequest(db, ada, writeRoleId);
  joinOrdersWriters('ada', 'priya');
  await runDueProvisioningJobs(db, worker);
  const row = await requestRow(db, id);
  expect(row.status).toBe('active');
  return { id, row, group };
}

describeEngines('roles held through a group', (engine) => {
  it('gives a requester who joined the holding group meanwhile an assignment of their own, and a revoke deletes only that', async () => {
    const { db } = await engine.openMigrated();
    const { id, row, group } = await approvedThenJoined(db);
    // Graph lists the group's assignment among Ada's; Roleport made her own rather than adopting the group's.
    expect(row.assignment_id).not.toBe(group.id);
    expect(tenant().emulator.directory.assignments.get(row.assignment_id!)).toMatchObject({ principalId: USERS.ada.oid });

    forgetHeldRoles(USERS.ada.oid);
    const held = (await getHeldRoles(USERS.ada.oid)).filter((h) => h.appId === ORDERS_APP.appId && h.roleId === writeRoleId);
    expect(held).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ via: 'direct', assignmentId: row.assignment_id }),
        expect.objectContaining({ via: 'group', groupId: GROUPS.ordersWriters.id, groupName: GROUPS.ordersWriters.displayName }),
      ]),
    );
    expect(held).toHaveLength(2);

    await revokeGrant(db, ada, id, { expectedVersion: Number(row.version) });
    await runDueProvisioningJobs(db, worker);
    expect((await requestRow(db, id)).status).toBe('revoked');
    expect(ordersAssignmentsOf(tenant().emulator, 'ada')).toHaveLength(0);
    expect(tenant().emulator.directory.assignments.get(group.id)).toEqual(group);
    // Every member keeps the role through the group, the requester included.
    expect(await ordersTokenRoles(tenant().emulator, 'priya')).toContain('Orders.Write');
    expect(await ordersTokenRoles(tenant().emulator, 'ada')).toContain('Orders.Write');
    // Reconciliation sees the group's assignment as the group's, not as the revoked grant.
    expect((await reconcileAssignments(db, null, 'orders')).removedInEntra).toEqual([]);
  });

  it("never deletes a group's assignment on expiry, even when a grant recorded its id", async () => {
    const { db } = await engine.openMigrated();
    const { id, group } = await approvedThenJoined(db);
    // A grant that adopted the group's assignment before Roleport told the two apart.
    await db
      .updateTable('access_request')
      .set({ assignment_id: group.id, expires_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', id)
      .execute();
    expect(await sweepExpiredGrants(db)).toBe(1);
    await runDueProvisioningJobs(db, worker);
    expect((await requestRow(db, id)).status).toBe('expired');
    expect(tenant().emulator.directory.assignments.get(group.id)).toEqual(group);
    expect(await ordersTokenRoles(tenant().emulator, 'priya')).toContain('Orders.Write');
  });

  it('reconciliation does not take a group assignment for a grant it recorded', async () => {
    const { db } = await engine.openMigrated();
    const { id, row, group } = await approvedThenJoined(db);
    tenant().emulator.directory.unassign(row.assignment_id!);
    await db.updateTable('access_request').set({ assignment_id: group.id }).where('id', '=', id).execute();
    const report = await reconcileAssignments(db, null, 'orders');
    expect(report.removedInEntra.map((r) => r.requestId)).toEqual([id]);
    expect(tenant().emulator.directory.assignments.get(group.id)).toEqual(group);
  });

  it('shows a role a group holds as held through the group, even a group the catalog has not seen yet', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const dir = tenant().emulator.directory;
    const newGroupId = 'e7f1a3b5-00aa-4c2d-8e9f-0000000000aa';
    addGroup(dir, { id: newGroupId, displayName: 'Order Auditors', members: [USERS.ben.oid] });
    const assigned = dir.assign(newGroupId, ORDERS_APP.servicePrincipalId, ORDERS_APP.roles['Orders.Read']!);
    try {
      forgetHeldRoles(ben.oid);
      const held = await getHeldRoles(ben.oid);
      const inventory = held.filter((h) => h.appId === INVENTORY_APP.appId);
      expect(inventory).toEqual([
        expect.objectContaining({
          value: 'Inventory.Read',
          via: 'group',
          groupId: GROUPS.inventoryReaders.id,
          groupName: 'Inventory Readers',
        }),
      ]);
      expect(inventory[0]).not.toHaveProperty('assignmentId');
      const orders = held.filter((h) => h.appId === ORDERS_APP.appId).map((h) => [h.value, h.via, h.groupName ?? null]);
      expect(orders.sort()).toEqual([
        ['Orders.Read', 'group', 'Order Auditors'],
        ['Orders.Write', 'direct', null],
      ]);
    } finally {
      if (assigned.ok) dir.unassign(assigned.assignment.id);
      dir.groups.delete(newGroupId);
    }
  });
});
