// Rule: the approval queue's filter counts are counted once per change to the requests, and every change (a request
// submitted, decided at a stage or for good, cancelled) shows in the next view's counts.
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { sampleRows } from '@/test/harness/sample-rows';
import { cancelRequest } from '@/lib/requests/cancel-request';
import { ada, adminRoleId, ben, olivia, priya, readRoleId } from '@/test/harness/access-people';
import { prepare, saveOrdersRule, withTenant } from '@/test/harness/access-world';
import { approvalQueueFacets } from './approval-queue-facets';
import { decideRequest } from './decide-request';
import { pageApprovalQueue } from './page-approval-queue';
import { submitRequest } from './submit-request';

withTenant();
const justification = 'Reconciling the March invoices.';

describeEngines('approval queue counts', (engine) => {
  it('counts again after each change to a request, and only then', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await saveOrdersRule(db, 'Orders.Admin', { autoApprove: false, stages: 2, maxDays: null });
    // The filter counts and the page's own count agree after every step.
    const total = async (who = priya) => {
      const [facets, page] = await Promise.all([approvalQueueFacets(db, who), pageApprovalQueue(db, who, {}, {}, 25)]);
      expect(page.total).toBe(facets.total);
      return facets.total;
    };
    expect(await total()).toBe(0);

    const read = await submitRequest(db, ada, { apiId: 'orders', roleId: readRoleId, justification });
    expect(await total()).toBe(1);

    // A row written behind the portal's back, with no audit event, is not counted until the next audited change: proof
    // that the counts are kept, not taken again on every view.
    await db
      .insertInto('access_request')
      .values({ ...sampleRows('00000000-0000-4000-8000-0000000000aa').access_request, principal_type: 'user', client_sp_type: null })
      .execute();
    expect(await total()).toBe(1);
    const admin = await submitRequest(db, ben, { apiId: 'orders', roleId: adminRoleId, justification });
    expect(await total()).toBe(3);

    // Olivia (who owns only the Orders app, not the unknown one) decides the first of two stages: the request leaves
    // her queue and stays in Priya's.
    expect(await total(olivia)).toBe(2);
    await decideRequest(db, olivia, admin.requestId, { verdict: 'approve', expectedVersion: 1 });
    expect(await total(olivia)).toBe(1);
    expect(await total(priya)).toBe(3);

    await decideRequest(db, priya, read.requestId, { verdict: 'approve', expectedVersion: 1 });
    expect(await total()).toBe(2);
    await cancelRequest(db, ben, admin.requestId, 2);
    expect(await total()).toBe(1);
  });
});
