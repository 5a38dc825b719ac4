// Rule: a role belongs to its app registration, so a request through any API mapped to that app meets the strictest rule of them all.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { saveApprovalRule } from './approval-rules';
import { listRuleSections } from './approval-rule-sections';
import { decideRequest } from './decide-request';
import { getRequestFormData } from './requestable-roles';
import { submitRequest } from './submit-request';
import { GROUPS, ORDERS_APP, seedSiblingApi } from '@/test/harness/access-fixture';
import { ada, adminRoleId, olivia, priya, readRoleId, writeRoleId } from '@/test/harness/access-people';
import { prepare, requestRow, withTenant } from '@/test/harness/access-world';

withTenant();
const justification = 'Migrating the checkout to the new version.';
const rule = { roleValue: 'Orders.Admin', autoApprove: false, stages: 2, maxDays: 7, groupId: null };

describeEngines('rules across APIs sharing an app registration', (engine) => {
  it('holds a request through a sibling API to the other API’s stages and maximum duration', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await seedSiblingApi(db, 'orders-v2', 'Orders API v2');
    await saveApprovalRule(db, priya, { apiId: 'orders', ...rule });

    const form = await getRequestFormData(db, ada, 'orders-v2');
    expect(form?.roles.find((r) => r.value === 'Orders.Admin')).toMatchObject({ durations: [7], stages: 2 });
    await expect(submitRequest(db, ada, { apiId: 'orders-v2', roleId: adminRoleId, justification, durationDays: 90 })).rejects.toThrow(
      'Choose a duration of at most 7 days.',
    );
    const { requestId } = await submitRequest(db, ada, { apiId: 'orders-v2', roleId: adminRoleId, justification });
    expect((await requestRow(db, requestId)).duration_days).toBe(7);
    expect((await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 })).outcome).toBe('stage-approved');
    expect((await decideRequest(db, priya, requestId, { verdict: 'approve', expectedVersion: 2 })).outcome).toBe('approved');
  });

  it('does not auto-approve through one API what another API on the same app sends to an approver', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await seedSiblingApi(db, 'orders-v2', 'Orders API v2');
    await saveApprovalRule(db, priya, { apiId: 'orders-v2', roleValue: null, autoApprove: true, stages: 1, maxDays: 30, groupId: null });
    const { status } = await submitRequest(db, ada, { apiId: 'orders-v2', roleId: readRoleId, justification });
    expect(status).toBe('pending');

    // Once every API on the app auto-approves the role, it is auto-approved whichever API it is asked through.
    await saveApprovalRule(db, priya, {
      apiId: 'orders',
      roleValue: 'Orders.Write',
      autoApprove: true,
      stages: 1,
      maxDays: 90,
      groupId: null,
    });
    await saveApprovalRule(db, priya, {
      apiId: 'orders-v2',
      roleValue: 'Orders.Write',
      autoApprove: true,
      stages: 1,
      maxDays: 90,
      groupId: null,
    });
    expect((await submitRequest(db, ada, { apiId: 'orders-v2', roleId: writeRoleId, justification })).status).toBe('approved');
  });

  it('grants through a sibling’s group and refuses two APIs granting one role through different groups', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await seedSiblingApi(db, 'orders-v2', 'Orders API v2');
    const otherGroup = '0f1e2d3c-4b5a-4697-8877-665544332211';
    const holdings = [
      { groupId: GROUPS.ordersWriters.id, groupName: GROUPS.ordersWriters.displayName, roleId: writeRoleId },
      { groupId: otherGroup, groupName: 'Orders writers (EU)', roleId: writeRoleId },
    ];
    await db
      .updateTable('catalog_app')
      .set({ group_holdings: JSON.stringify(holdings) })
      .where('app_id', '=', ORDERS_APP.appId)
      .execute();
    const writeRule = { roleValue: 'Orders.Write', autoApprove: false, stages: 1, maxDays: 30 };
    await saveApprovalRule(db, priya, { apiId: 'orders', ...writeRule, groupId: GROUPS.ordersWriters.id });
    await expect(saveApprovalRule(db, priya, { apiId: 'orders-v2', ...writeRule, groupId: otherGroup })).rejects.toThrow(
      'Orders API grants Orders.Write through the group Orders Writers; APIs that share an app registration grant a role through the same group.',
    );
    const { requestId } = await submitRequest(db, ada, { apiId: 'orders-v2', roleId: writeRoleId, justification });
    expect(await requestRow(db, requestId)).toMatchObject({ grant_kind: 'group', group_id: GROUPS.ordersWriters.id });
  });

  it('tells the rules page which APIs share an app registration', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await seedSiblingApi(db, 'orders-v2', 'Orders API v2');
    const sections = await listRuleSections(db);
    const byApi = Object.fromEntries(sections.map((s) => [s.api.id, s.sharesAppWith.map((a) => a.displayName)]));
    expect(byApi).toEqual({ orders: ['Orders API v2'], 'orders-v2': ['Orders API'], inventory: [] });
  });
});
