// Rule: reconciliation decides only on complete reads: it reads every page, however many, and records nothing when a read fails.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { generateAssignments } from '@/test/harness/generate-assignments';
import { describeEngines } from '@/test/harness/database-engines';
import type { Database } from '@/lib/db/types';
import { runDueProvisioningJobs } from './provisioning-worker';
import { reconcileAssignments } from './reconcile-assignments';
import { GROUPS, ORDERS_APP, scriptFaults } from '@/test/harness/access-fixture';
import { ada, readRoleId, writeRoleId } from '@/test/harness/access-people';
import { approvedRequest, prepare, requestRow, withTenant, worker, grantOrdersWriteThroughGroup } from '@/test/harness/access-world';

const tenant = withTenant();
// More than the 10,000 items paged reads used to stop at; Graph pages appRoleAssignedTo 100 at a time.
const MANY = 10_050;
// About a hundred Graph pages per read: generous on a busy machine.
const SLOW_MS = 90_000;

async function withManyAssignments<T>(work: () => Promise<T>): Promise<T> {
  const generated = generateAssignments(tenant().emulator.directory, {
    resourceId: ORDERS_APP.servicePrincipalId,
    appRoleId: readRoleId,
    count: MANY,
  });
  try {
    return await work();
  } finally {
    generated.remove();
  }
}

async function activeGrant(db: Kysely<Database>): Promise<string> {
  await prepare(db);
  const id = await approvedRequest(db, ada);
  await runDueProvisioningJobs(db, worker);
  expect((await requestRow(db, id)).status).toBe('active');
  return id;
}

const removalsRecorded = async (db: Kysely<Database>) =>
  (await db.selectFrom('audit_event').select('seq').where('action', '=', 'request.removed_in_entra').execute()).length;

describeEngines('reconciliation reads everything', (engine) => {
  it(
    'finds a grant listed after more than 10,000 other assignments and leaves it active',
    async () => {
      const { db } = await engine.openMigrated();
      const id = await activeGrant(db);
      await withManyAssignments(async () => {
        console.time('reconcile');
        const report = await reconcileAssignments(db, null, 'orders');
        console.timeEnd('reconcile');
        expect(report.removedInEntra).toEqual([]);
        expect(report.external.length).toBeGreaterThan(MANY);
      });
      expect((await requestRow(db, id)).status).toBe('active');
      expect(await removalsRecorded(db)).toBe(0);
    },
    SLOW_MS,
  );

  it(
    'records nothing when a page of the list fails, and decides once the read is whole',
    async () => {
      const { db } = await engine.openMigrated();
      const id = await activeGrant(db);
      tenant().emulator.directory.unassign((await requestRow(db, id)).assignment_id!);
      await withManyAssignments(async () => {
        await scriptFaults(tenant().emulator, [{ method: 'GET', pathContains: 'appRoleAssignedTo?$skiptoken', kind: '500', times: 1 }]);
        await expect(reconcileAssignments(db, null, 'orders')).rejects.toThrow();
        expect((await requestRow(db, id)).status).toBe('active');
        expect(await removalsRecorded(db)).toBe(0);

        const report = await reconcileAssignments(db, null, 'orders');
        expect(report.removedInEntra.map((r) => r.requestId)).toEqual([id]);
      });
      expect((await requestRow(db, id)).status).toBe('revoked');
    },
    SLOW_MS,
  );

  it('records no removal when a later read of the same run fails', async () => {
    const { db } = await engine.openMigrated();
    const direct = await activeGrant(db);
    await grantOrdersWriteThroughGroup(db);
    const throughGroup = await approvedRequest(db, ada, writeRoleId);
    await runDueProvisioningJobs(db, worker);
    expect((await requestRow(db, throughGroup)).status).toBe('active');
    tenant().emulator.directory.unassign((await requestRow(db, direct)).assignment_id!);
    await scriptFaults(tenant().emulator, [
      { method: 'GET', pathContains: `/groups/${GROUPS.ordersWriters.id}/members`, kind: '500', times: 1 },
    ]);
    await expect(reconcileAssignments(db, null, 'orders')).rejects.toThrow();
    expect((await requestRow(db, direct)).status).toBe('active');
    expect(await removalsRecorded(db)).toBe(0);
  });
});
