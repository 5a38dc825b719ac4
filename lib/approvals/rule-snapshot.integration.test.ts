// Rule: a waiting request is decided under the stricter of the rule in force when it was submitted and the rule in force now.
import { expect, it, vi } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { saveApprovalRule } from './approval-rules';
import { decideRequest } from './decide-request';
import { runDueProvisioningJobs } from '@/lib/provisioning/provisioning-worker';
import { submitRequest } from './submit-request';
import { ada, adminRoleId, olivia, priya, readRoleId } from '@/test/harness/access-people';
import { prepare, requestRow, withTenant, worker } from '@/test/harness/access-world';

withTenant();
const justification = 'Rotating the fulfilment keys.';
const adminRule = { apiId: 'orders', roleValue: 'Orders.Admin', autoApprove: false, maxDays: 30, groupId: null };
const DAY = 86_400_000;

describeEngines('rules that change under a waiting request', (engine) => {
  it('keeps two stages for a request submitted under a two-stage rule that is lowered to one', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await saveApprovalRule(db, priya, { ...adminRule, stages: 2 });
    const { requestId } = await submitRequest(db, ada, { apiId: 'orders', roleId: adminRoleId, justification, durationDays: 30 });
    await saveApprovalRule(db, priya, { ...adminRule, stages: 1 });
    expect(await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 })).toMatchObject({
      outcome: 'stage-approved',
      status: 'pending',
      stage: 2,
    });
    expect(await db.selectFrom('provisioning_job').select('id').execute()).toEqual([]);
    expect((await decideRequest(db, priya, requestId, { verdict: 'approve', expectedVersion: 2 })).outcome).toBe('approved');
  });

  it('asks for two stages when the rule is raised while the request waits', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await saveApprovalRule(db, priya, { ...adminRule, stages: 1 });
    const { requestId } = await submitRequest(db, ada, { apiId: 'orders', roleId: adminRoleId, justification, durationDays: 30 });
    await saveApprovalRule(db, priya, { ...adminRule, stages: 2 });
    expect((await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 })).outcome).toBe('stage-approved');
  });

  it('shortens the grant to a maximum lowered while the request waited, and records it', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const { requestId } = await submitRequest(db, ada, { apiId: 'orders', roleId: readRoleId, justification, durationDays: 90 });
    await saveApprovalRule(db, priya, {
      apiId: 'orders',
      roleValue: 'Orders.Read',
      autoApprove: false,
      stages: 1,
      maxDays: 7,
      groupId: null,
    });
    expect((await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 })).outcome).toBe('approved');
    expect((await requestRow(db, requestId)).duration_days).toBe(7);
    const approved = await db
      .selectFrom('audit_event')
      .select('data')
      .where('subject_id', '=', requestId)
      .where('action', '=', 'request.approved')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(approved.data)).toMatchObject({ durationDays: 7, requestedDays: 90 });
    // Every reading of the clock a millisecond later than the last, so the grant's two ends cannot share a tick by luck.
    vi.stubGlobal('Date', tickingDate());
    try {
      await runDueProvisioningJobs(db, worker);
    } finally {
      vi.unstubAllGlobals();
    }
    const row = await requestRow(db, requestId);
    expect(row.status).toBe('active');
    expect(Date.parse(row.expires_at!) - Date.parse(row.activated_at!)).toBe(7 * DAY);
  });
});

function tickingDate(): DateConstructor {
  const RealDate = Date;
  let tick = RealDate.now();
  return class TickingDate extends RealDate {
    constructor(...args: ConstructorParameters<DateConstructor> | []) {
      if (args.length === 0) super((tick += 1));
      else super(...(args as [string | number | Date]));
    }
  } as DateConstructor;
}
