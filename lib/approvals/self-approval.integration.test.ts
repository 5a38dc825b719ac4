// Rule: nobody grants themselves a role alone — auto-approval never applies to someone who could approve the request.
import { expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { describeEngines } from '@/test/harness/database-engines';
import type { Database } from '@/lib/db/types';
import { saveApprovalRule } from './approval-rules';
import { decideRequest } from './decide-request';
import { getRequestFormData } from './requestable-roles';
import { submitRequest } from './submit-request';
import { ada, olivia, priya, readRoleId } from '@/test/harness/access-people';
import { prepare, requestRow, withTenant } from '@/test/harness/access-world';

withTenant();
const justification = 'Checking the nightly export.';
const autoRule = { apiId: 'orders', roleValue: 'Orders.Read', autoApprove: true, stages: 1, maxDays: 30, groupId: null };

async function hooks(db: Kysely<Database>) {
  return (await db.selectFrom('webhook_delivery').select('event').orderBy('created_at').execute()).map(
    (w) => JSON.parse(w.event) as Record<string, unknown>,
  );
}

describeEngines('self-approval', (engine) => {
  it('keeps an admin’s own request pending under an auto-approve rule until someone else approves it', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await saveApprovalRule(db, priya, autoRule);
    const { requestId, status } = await submitRequest(db, priya, { apiId: 'orders', roleId: readRoleId, justification });
    expect(status).toBe('pending');
    expect(await db.selectFrom('provisioning_job').select('id').execute()).toEqual([]);
    await expect(decideRequest(db, priya, requestId, { verdict: 'approve', expectedVersion: 1 })).rejects.toThrow(
      'You cannot approve your own request.',
    );
    expect((await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 })).outcome).toBe('approved');
    const submitted = await db
      .selectFrom('audit_event')
      .select(['action', 'data'])
      .where('subject_id', '=', requestId)
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    expect(submitted.action).toBe('request.submitted');
    expect(JSON.parse(submitted.data)).toMatchObject({ autoApprove: 'withheld: the requester can approve this request' });
  });

  it('keeps an owner’s own request pending, tells them so on the form, and still auto-approves everyone else', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await saveApprovalRule(db, priya, autoRule);
    const ownerForm = await getRequestFormData(db, olivia, 'orders');
    expect(ownerForm?.roles.find((r) => r.value === 'Orders.Read')).toMatchObject({ autoApprove: false, stages: 1 });
    const own = await submitRequest(db, olivia, { apiId: 'orders', roleId: readRoleId, justification });
    expect((await requestRow(db, own.requestId)).status).toBe('pending');

    expect((await getRequestFormData(db, ada, 'orders'))?.roles.find((r) => r.value === 'Orders.Read')?.autoApprove).toBe(true);
    const other = await submitRequest(db, ada, { apiId: 'orders', roleId: readRoleId, justification });
    expect(other.status).toBe('approved');
  });

  it('audits turning auto-approve on and tells the webhook, once per switch', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const rule = await saveApprovalRule(db, priya, { ...autoRule, autoApprove: false });
    await saveApprovalRule(db, priya, autoRule);
    await saveApprovalRule(db, priya, { ...autoRule, maxDays: 7 });
    const actions = (await db.selectFrom('audit_event').select(['action', 'subject_id']).orderBy('seq').execute()).map((e) => e.action);
    expect(actions).toEqual([
      'approval_rule.created',
      'approval_rule.updated',
      'approval_rule.auto_approve_enabled',
      'approval_rule.updated',
    ]);
    expect(await hooks(db)).toEqual([
      expect.objectContaining({
        type: 'approval_rule.auto_approve_enabled',
        ruleId: rule.id,
        apiId: 'orders',
        roleValue: 'Orders.Read',
        actor: { oid: priya.oid, name: priya.name },
      }),
    ]);
  });
});
