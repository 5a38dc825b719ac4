// Rule: a group used for grants holds exactly that one app role and nothing else, checked in Entra when the rule is saved and before every grant.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { saveApprovalRule } from '@/lib/approvals/approval-rules';
import { decideRequest } from '@/lib/approvals/decide-request';
import { runDueProvisioningJobs } from './provisioning-worker';
import { submitRequest } from '@/lib/approvals/submit-request';
import { GROUPS, INVENTORY_APP } from '@/test/harness/access-fixture';
import { ada, olivia, priya, writeRoleId } from '@/test/harness/access-people';
import { prepare, requestRow, withTenant, worker } from '@/test/harness/access-world';

const tenant = withTenant();
const groupId = GROUPS.ordersWriters.id;
const groupRule = { apiId: 'orders', roleValue: 'Orders.Write', autoApprove: false, stages: 1, maxDays: 30, groupId };
const refusal = /^The group Orders Writers cannot be used to grant Orders\.Write: /;

/** Changes the emulated tenant for one step and puts it back, whatever happens. */
async function whileTenant(change: () => () => void, step: () => Promise<void>): Promise<void> {
  const undo = change();
  try {
    await step();
  } finally {
    undo();
  }
}

const alsoHoldsInventoryRead = () => {
  const dir = tenant().emulator.directory;
  const made = dir.assign(groupId, INVENTORY_APP.servicePrincipalId, INVENTORY_APP.roles['Inventory.Read']!);
  return () => {
    if (made.ok) dir.unassign(made.assignment.id);
  };
};

describeEngines('groups used for grants', (engine) => {
  it('refuses, on saving the rule, a group that also holds another app role, a directory role, or other groups', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const dir = tenant().emulator.directory;
    await whileTenant(alsoHoldsInventoryRead, async () => {
      await expect(saveApprovalRule(db, priya, groupRule)).rejects.toThrow(/it also holds another app role \(Inventory API\)/);
    });
    await whileTenant(
      () => {
        dir.groups.get(groupId)!.isAssignableToRole = true;
        return () => delete dir.groups.get(groupId)!.isAssignableToRole;
      },
      async () => {
        await expect(saveApprovalRule(db, priya, groupRule)).rejects.toThrow(/it is role-assignable/);
      },
    );
    const roleId = '9f8e7d6c-0004-4c2d-8e9f-000000000004';
    await whileTenant(
      () => {
        const members = new Set([groupId]);
        const roleTemplateId = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
        dir.directoryRoles.set(roleId, { id: roleId, displayName: 'Helpdesk Administrator', description: '', roleTemplateId, members });
        return () => dir.directoryRoles.delete(roleId);
      },
      async () => {
        await expect(saveApprovalRule(db, priya, groupRule)).rejects.toThrow(refusal);
        await expect(saveApprovalRule(db, priya, groupRule)).rejects.toThrow(/it holds the directory role Helpdesk Administrator/);
      },
    );
    const staff = [...dir.groups.values()].find((g) => g.displayName === 'All staff')!;
    await whileTenant(
      () => {
        staff.members.add(groupId);
        return () => staff.members.delete(groupId);
      },
      async () => {
        await expect(saveApprovalRule(db, priya, groupRule)).rejects.toThrow(/it is a member of All staff/);
      },
    );
    expect(await db.selectFrom('approval_rule').select('id').execute()).toEqual([]);
    expect((await saveApprovalRule(db, priya, groupRule)).groupId).toBe(groupId);
  });

  it('fails the grant with the reason when the group gained another role after the rule was saved', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await saveApprovalRule(db, priya, groupRule);
    const { requestId } = await submitRequest(db, ada, {
      apiId: 'orders',
      roleId: writeRoleId,
      justification: 'Backfilling the order history.',
    });
    await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 });
    await whileTenant(alsoHoldsInventoryRead, async () => {
      await runDueProvisioningJobs(db, worker);
    });
    const row = await requestRow(db, requestId);
    expect(row.status).toBe('failed');
    expect(row.failure_reason).toMatch(
      /^Provisioning failed after 1 attempt: The group Orders Writers cannot be used to grant Orders\.Write: /,
    );
    expect(row.failure_reason).toContain('it also holds another app role (Inventory API)');
    expect(tenant().emulator.directory.groups.get(groupId)!.members.has(ada.oid)).toBe(false);
    expect(await db.selectFrom('provisioning_job').select('id').execute()).toEqual([]);
  });
});
