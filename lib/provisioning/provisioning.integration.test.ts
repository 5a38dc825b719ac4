// Rule: an approval becomes exactly one Entra assignment (or group membership), durably, despite throttling, crashes and races.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { grantInEntra } from './provisioning-graph';
import { runDueProvisioningJobs, startProvisioningWorker } from './provisioning-worker';
import { saveApprovalRule } from '@/lib/approvals/approval-rules';
import { retryProvisioning } from './retry-provisioning';
import { submitRequest } from '@/lib/approvals/submit-request';
import { GROUPS, ORDERS_APP, ordersAssignmentsOf, ordersTokenRoles, scriptFaults, USERS } from '@/test/harness/access-fixture';
import { ada, olivia, priya, readRoleId, writeRoleId } from '@/test/harness/access-people';
import { approvedRequest, prepare, requestRow, withTenant, worker, grantOrdersWriteThroughGroup } from '@/test/harness/access-world';

const tenant = withTenant();

describeEngines('provisioning', (engine) => {
  it('turns an approval into one assignment that the user’s next token carries', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    expect(await ordersTokenRoles(tenant().emulator, 'ada')).not.toContain('Orders.Read');
    const loop = startProvisioningWorker(db, { ...worker, workerId: 'w-live' });
    try {
      const id = await approvedRequest(db);
      // The approval wakes the worker: the poll interval here is 60 s, so reaching active well before it proves the wake-up.
      await expect.poll(async () => (await requestRow(db, id)).status, { timeout: 20_000, interval: 20 }).toBe('active');
      const row = await requestRow(db, id);
      const assignments = ordersAssignmentsOf(tenant().emulator, 'ada');
      expect(assignments).toHaveLength(1);
      expect(assignments[0]).toMatchObject({ id: row.assignment_id, appRoleId: readRoleId });
      expect(row.expires_at! > row.activated_at!).toBe(true);
      expect(await db.selectFrom('provisioning_job').selectAll().execute()).toEqual([]);
      expect(await ordersTokenRoles(tenant().emulator, 'ada')).toContain('Orders.Read');
      const actions = (await db.selectFrom('audit_event').select('action').where('subject_id', '=', id).orderBy('seq').execute()).map(
        (e) => e.action,
      );
      expect(actions).toEqual(['request.submitted', 'request.approved', 'request.provisioning_started', 'request.activated']);
      const hooks = (await db.selectFrom('webhook_delivery').select('event').execute()).map((w) => JSON.parse(w.event).type);
      expect(hooks).toEqual(['request.submitted', 'request.decided', 'request.activated']);
    } finally {
      await loop.stop();
    }
  });

  it('adopts an assignment that already exists instead of creating a second one', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const id = await approvedRequest(db);
    const made = tenant().emulator.directory.assign(USERS.ada.oid, ORDERS_APP.servicePrincipalId, readRoleId);
    expect(made.ok).toBe(true);
    await runDueProvisioningJobs(db, worker);
    const row = await requestRow(db, id);
    expect(row.status).toBe('active');
    expect(row.assignment_id).toBe(made.ok ? made.assignment.id : '');
    expect(ordersAssignmentsOf(tenant().emulator, 'ada')).toHaveLength(1);
  });

  it('rides out 429 and 503 answers beyond the client’s own retries and still makes one assignment', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const id = await approvedRequest(db);
    // The Graph client retries three times itself; five failures make the job's own retry necessary.
    await scriptFaults(tenant().emulator, [
      { method: 'POST', pathContains: 'appRoleAssignedTo', kind: '429', times: 2, retryAfterSeconds: 0 },
      { method: 'POST', pathContains: 'appRoleAssignedTo', kind: '503', times: 3, retryAfterSeconds: 0 },
    ]);
    await runDueProvisioningJobs(db, worker);
    const job = await db.selectFrom('provisioning_job').selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ attempts: 1, locked_by: null });
    expect(job.last_error).toMatch(/503/);
    await expect
      .poll(
        async () => {
          await runDueProvisioningJobs(db, worker);
          return (await requestRow(db, id)).status;
        },
        { timeout: 5000, interval: 30 },
      )
      .toBe('active');
    expect(ordersAssignmentsOf(tenant().emulator, 'ada')).toHaveLength(1);
  });

  it('heals a crash between the Graph call and the commit: a fresh worker adopts the assignment', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const id = await approvedRequest(db);
    // The first worker made the assignment and died before committing anything.
    const first = await grantInEntra(await requestRow(db, id));
    await runDueProvisioningJobs(db, { ...worker, workerId: 'fresh-worker' });
    const row = await requestRow(db, id);
    expect(row).toMatchObject({ status: 'active', assignment_id: first.assignmentId });
    expect(ordersAssignmentsOf(tenant().emulator, 'ada')).toHaveLength(1);
  });

  it('lets two workers race for the same jobs and still makes one assignment each', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const ids = [await approvedRequest(db, ada), await approvedRequest(db, priya)];
    const [a, b] = await Promise.all([
      runDueProvisioningJobs(db, { ...worker, workerId: 'w1' }),
      runDueProvisioningJobs(db, { ...worker, workerId: 'w2' }),
    ]);
    expect(a + b).toBe(2);
    for (const id of ids) expect((await requestRow(db, id)).status).toBe('active');
    expect(ordersAssignmentsOf(tenant().emulator, 'ada')).toHaveLength(1);
    expect(ordersAssignmentsOf(tenant().emulator, 'priya')).toHaveLength(1);
    const activations = await db.selectFrom('audit_event').select('subject_id').where('action', '=', 'request.activated').execute();
    expect(activations).toHaveLength(2);
  });

  it('makes one assignment when a slow worker’s lock expires and a second worker takes the same job', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const id = await approvedRequest(db);
    // lockMs 0: each claim expires at once, so both workers run the job concurrently.
    const [a, b] = await Promise.all([
      runDueProvisioningJobs(db, { ...worker, workerId: 'slow', lockMs: 0 }),
      runDueProvisioningJobs(db, { ...worker, workerId: 'second', lockMs: 0 }),
    ]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect((await requestRow(db, id)).status).toBe('active');
    expect(ordersAssignmentsOf(tenant().emulator, 'ada')).toHaveLength(1);
    expect(await db.selectFrom('audit_event').select('seq').where('action', '=', 'request.activated').execute()).toHaveLength(1);
  });

  it('grants through a group when the rule says so, and the role reaches the token through the group', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await grantOrdersWriteThroughGroup(db);
    const id = await approvedRequest(db, ada, writeRoleId);
    await runDueProvisioningJobs(db, worker);
    expect(await requestRow(db, id)).toMatchObject({
      status: 'active',
      grant_kind: 'group',
      group_id: GROUPS.ordersWriters.id,
      assignment_id: null,
    });
    expect(tenant().emulator.directory.groups.get(GROUPS.ordersWriters.id)?.members.has(USERS.ada.oid)).toBe(true);
    expect(ordersAssignmentsOf(tenant().emulator, 'ada')).toHaveLength(0);
    expect(await ordersTokenRoles(tenant().emulator, 'ada')).toContain('Orders.Write');
  });

  it('fails a request after the attempt limit, with the reason, and an admin retry finishes it', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const id = await approvedRequest(db);
    await scriptFaults(tenant().emulator, [{ method: 'POST', pathContains: 'appRoleAssignedTo', kind: '500', times: 8 }]);
    await runDueProvisioningJobs(db, { ...worker, maxAttempts: 2 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await runDueProvisioningJobs(db, { ...worker, maxAttempts: 2 });
    const failed = await requestRow(db, id);
    expect(failed.status).toBe('failed');
    expect(failed.failure_reason).toMatch(/^Provisioning failed after 2 attempts: Graph 500/);
    expect(await db.selectFrom('provisioning_job').selectAll().execute()).toEqual([]);

    await expect(retryProvisioning(db, olivia, id, Number(failed.version))).rejects.toThrow('Only a portal admin can retry provisioning.');
    await fetch(`${tenant().emulator.urls.authorityHost}/_emulator/faults`, { method: 'DELETE' });
    await retryProvisioning(db, priya, id, Number(failed.version));
    await runDueProvisioningJobs(db, worker);
    expect(await requestRow(db, id)).toMatchObject({ status: 'active', failure_reason: null });
    expect(ordersAssignmentsOf(tenant().emulator, 'ada')).toHaveLength(1);
  });

  it('sends an auto-approved request straight to provisioning', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await saveApprovalRule(db, priya, { apiId: 'orders', roleValue: null, autoApprove: true, stages: 1, maxDays: 7, groupId: null });
    const { requestId, status } = await submitRequest(db, ada, {
      apiId: 'orders',
      roleId: readRoleId,
      justification: 'Read-only dashboards.',
    });
    expect(status).toBe('approved');
    await runDueProvisioningJobs(db, worker);
    const row = await requestRow(db, requestId);
    expect(row).toMatchObject({ status: 'active', duration_days: 7 });
    expect(await db.selectFrom('access_decision').selectAll().execute()).toEqual([]);
  });
});
