// Rule: a Graph call that never answers fails its attempt in bounded time and releases the job, which a retry finishes.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { runDueProvisioningJobs } from './provisioning-worker';
import { ordersAssignmentsOf, scriptFaults } from '@/test/harness/access-fixture';
import { approvedRequest, prepare, requestRow, withTenant, worker } from '@/test/harness/access-world';

// Read once by lib/env when the first Azure client is made, after this line.
process.env.ROLEPORT_AZURE_TIMEOUT_SECONDS = '2';
const tenant = withTenant();

describeEngines('provisioning with a hung Graph call', (engine) => {
  it('gives up on the hung call after the timeout, releases the job well before its lock expires, then assigns once', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const id = await approvedRequest(db);
    await scriptFaults(tenant().emulator, [{ method: 'POST', pathContains: '/appRoleAssignedTo', kind: 'timeout', times: 1 }]);
    const started = Date.now();
    await runDueProvisioningJobs(db, worker);
    // Two seconds of timeout plus the other calls; the job's lock would have held it for two minutes.
    expect(Date.now() - started).toBeLessThan(15_000);
    const job = await db.selectFrom('provisioning_job').selectAll().where('request_id', '=', id).executeTakeFirstOrThrow();
    expect({ attempts: Number(job.attempts), locked_by: job.locked_by, locked_until: job.locked_until }).toEqual({
      attempts: 1,
      locked_by: null,
      locked_until: null,
    });
    expect(job.last_error).toMatch(
      /^Microsoft Graph did not answer POST \/v1\.0\/servicePrincipals\/[0-9a-f-]+\/appRoleAssignedTo within 2 s\.$/,
    );
    expect((await requestRow(db, id)).status).toBe('provisioning');

    await expect
      .poll(
        async () => {
          await runDueProvisioningJobs(db, worker);
          return (await requestRow(db, id)).status;
        },
        { timeout: 10_000, interval: 30 },
      )
      .toBe('active');
    expect(ordersAssignmentsOf(tenant().emulator, 'ada')).toHaveLength(1);
  });
});
