// Rule: the role's rule beats the API's, which beats the defaults; only admins change rules, each change audited.
import { expect, it } from 'vitest';
import type { PortalUser } from '@/lib/auth/session';
import { describeEngines } from '@/test/harness/database-engines';
import { deleteApprovalRule, getEffectiveRule, listApprovalRules, saveApprovalRule } from './approval-rules';
import { demoUser, GROUPS, seedCatalog } from '@/test/harness/access-fixture';
import { saveOrdersRule, withTenant } from '@/test/harness/access-world';

const admin = demoUser('priya') as PortalUser;
const owner = demoUser('olivia') as PortalUser;

// Rules are checked against the tenant (groups) and notify the webhook.
withTenant();

describeEngines('approval rules', (engine) => {
  it('resolves role rule, then API rule, then defaults', async () => {
    const { db } = await engine.openMigrated();
    await seedCatalog(db);
    expect(await getEffectiveRule(db, 'orders', 'Orders.Read')).toEqual({
      source: 'default',
      ruleId: null,
      apiId: 'orders',
      roleValue: null,
      autoApprove: false,
      stages: 1,
      maxDays: 90,
      groupId: null,
      durations: [7, 30, 90],
    });
    const apiRule = await saveApprovalRule(db, admin, {
      apiId: 'orders',
      roleValue: '',
      autoApprove: 'on',
      stages: '1',
      maxDays: '30',
      groupId: '',
    });
    const roleRule = await saveOrdersRule(db, 'Orders.Admin', { autoApprove: false, stages: 2, maxDays: null });
    expect(await getEffectiveRule(db, 'orders', 'Orders.Read')).toMatchObject({
      source: 'api',
      ruleId: apiRule.id,
      autoApprove: true,
      maxDays: 30,
      durations: [7, 30],
    });
    expect(await getEffectiveRule(db, 'orders', 'Orders.Admin')).toMatchObject({
      source: 'role',
      ruleId: roleRule.id,
      stages: 2,
      maxDays: null,
      durations: [7, 30, 90, 365],
    });

    // Saving the same scope again replaces the rule rather than adding one.
    const replaced = await saveApprovalRule(db, admin, {
      apiId: 'orders',
      roleValue: 'Orders.Admin',
      autoApprove: false,
      stages: 1,
      maxDays: 7,
      groupId: null,
    });
    expect(replaced.id).toBe(roleRule.id);
    expect(await listApprovalRules(db, 'orders')).toHaveLength(2);
    await deleteApprovalRule(db, admin, roleRule.id);
    expect(await getEffectiveRule(db, 'orders', 'Orders.Admin')).toMatchObject({ source: 'api' });
    const actions = (await db.selectFrom('audit_event').select('action').orderBy('seq').execute()).map((e) => e.action);
    expect(actions).toEqual([
      'approval_rule.created',
      'approval_rule.auto_approve_enabled',
      'approval_rule.created',
      'approval_rule.updated',
      'approval_rule.deleted',
    ]);
  });

  it('refuses non-admins, unknown roles, and groups that do not hold the role', async () => {
    const { db } = await engine.openMigrated();
    await seedCatalog(db);
    const base = { apiId: 'orders', roleValue: 'Orders.Write', autoApprove: false, stages: 1, maxDays: 30, groupId: null };
    await expect(saveApprovalRule(db, owner, base)).rejects.toThrow('Only a portal admin can change approval rules.');
    await expect(saveApprovalRule(db, admin, { ...base, roleValue: 'Orders.Delete' })).rejects.toThrow(
      'Orders.Delete is not a role of Orders API.',
    );
    await expect(saveApprovalRule(db, admin, { ...base, stages: 3 })).rejects.toThrow('A rule has one or two approval stages.');
    await expect(saveApprovalRule(db, admin, { ...base, roleValue: 'Orders.Read', groupId: GROUPS.ordersWriters.id })).rejects.toThrow(
      /That group does not hold Orders.Read/,
    );
    await expect(saveApprovalRule(db, admin, { ...base, roleValue: null, groupId: GROUPS.ordersWriters.id })).rejects.toThrow(
      /not on the whole API/,
    );
    expect((await saveApprovalRule(db, admin, { ...base, groupId: GROUPS.ordersWriters.id })).groupId).toBe(GROUPS.ordersWriters.id);
    expect(await db.selectFrom('approval_rule').select('id').execute()).toHaveLength(1);
  });
});
