// Rule: reconciliation with Entra runs only when scheduled or asked for by an admin, and stores what it found for the Who-has-what page to show.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { lastReconciledAt, lastReconciliation } from './last-reconciliation';
import { runDueProvisioningJobs } from './provisioning-worker';
import { reconcileAllApis } from './reconcile-all';
import { USERS } from '@/test/harness/access-fixture';
import { ada, olivia, priya } from '@/test/harness/access-people';
import { approvedRequest, prepare, requestRow, withTenant, worker } from '@/test/harness/access-world';

const tenant = withTenant();

describeEngines('reconciling every API', (engine) => {
  it('is refused to anyone but an admin, and writes nothing then', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await expect(reconcileAllApis(db, olivia)).rejects.toThrow('Only a portal admin can reconcile grants.');
    await expect(lastReconciliation(db, olivia)).rejects.toThrow('Only a portal admin can see who has what.');
    expect(await lastReconciledAt(db)).toBeNull();
  });

  it('stores each API’s report, by whom it ran, and marks grants removed in Entra as revoked', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const id = await approvedRequest(db, ada);
    await runDueProvisioningJobs(db, worker);
    tenant().emulator.directory.unassign((await requestRow(db, id)).assignment_id!);

    const summary = await reconcileAllApis(db, priya);
    expect(summary).toMatchObject({ failed: 0, removedInEntra: 1 });
    expect((await requestRow(db, id)).status).toBe('revoked');
    const runs = await lastReconciliation(db, priya);
    expect(runs.size).toBe(summary.apis);
    const orders = runs.get('orders');
    expect(orders).toMatchObject({ trigger: 'admin', actorName: priya.name, error: null });
    expect(orders?.report?.removedInEntra).toEqual([{ requestId: id, requesterName: 'Ada Lovelace', roleValue: 'Orders.Read' }]);
    expect(orders?.report?.external.map((a) => a.principalId)).toContain(USERS.ben.oid);

    // A scheduled run replaces the report; nothing is found twice.
    await reconcileAllApis(db, null);
    const scheduled = (await lastReconciliation(db, priya)).get('orders');
    expect(scheduled).toMatchObject({ trigger: 'schedule', actorName: null });
    expect(scheduled?.report?.removedInEntra).toEqual([]);
    expect(await lastReconciledAt(db)).toBe(scheduled?.ranAt);
  });
});
