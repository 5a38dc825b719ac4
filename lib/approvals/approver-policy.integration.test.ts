// Rule: the approval queue, the request page and the decision give one answer to "may this person decide this request now".
import { expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { describeEngines } from '@/test/harness/database-engines';
import type { Database } from '@/lib/db/types';
import { decideRequest } from './decide-request';
import { isApprover, listApprovalQueue } from './list-approval-queue';
import { getRequestForUser } from '@/lib/requests/query-requests';
import { submitRequest } from './submit-request';
import { INVENTORY_APP } from '@/test/harness/access-fixture';
import { ada, adminRoleId, ben, olivia, priya, readRoleId, writeRoleId } from '@/test/harness/access-people';
import { prepare, requestRow, saveOrdersRule, withTenant } from '@/test/harness/access-world';

withTenant();
const justification = 'Building the checkout flow.';
const people = { ada, ben, olivia, priya } as const;
type Person = keyof typeof people;

// Fixed submission ids make the request ids the same in every fresh world.
const REQUESTS = {
  /** Ada's request for an Orders role: olivia owns the Orders app registration. */
  adaOrders: '0a000000-0000-4000-8000-000000000001',
  /** Olivia's own request for a role of the app she owns. */
  oliviaOwn: '0a000000-0000-4000-8000-000000000002',
  /** Ada's request for an Inventory role: priya (an admin) owns that app, olivia does not. */
  adaInventory: '0a000000-0000-4000-8000-000000000003',
  /** Ben's two-stage request, whose first stage olivia approved. */
  benSecondStage: '0a000000-0000-4000-8000-000000000004',
  /** Ada's request that priya already rejected. */
  adaRejected: '0a000000-0000-4000-8000-000000000005',
} as const;
type RequestKey = keyof typeof REQUESTS;

async function world(db: Kysely<Database>) {
  await prepare(db);
  await saveOrdersRule(db, 'Orders.Admin', { autoApprove: false, stages: 2, maxDays: null });
  const submit = (who: PortalUser, apiId: string, roleId: string, key: RequestKey) =>
    submitRequest(db, who, { apiId, roleId, justification, submissionId: REQUESTS[key] });
  await submit(ada, 'orders', readRoleId, 'adaOrders');
  await submit(olivia, 'orders', writeRoleId, 'oliviaOwn');
  await submit(ada, 'inventory', INVENTORY_APP.roles['Inventory.Read']!, 'adaInventory');
  await submit(ben, 'orders', adminRoleId, 'benSecondStage');
  await decideRequest(db, olivia, REQUESTS.benSecondStage, { verdict: 'approve', expectedVersion: 1 });
  await submit(ada, 'orders', writeRoleId, 'adaRejected');
  await decideRequest(db, priya, REQUESTS.adaRejected, { verdict: 'reject', note: 'Read is enough.', expectedVersion: 1 });
}

// Written out, so the three answers agreeing cannot mean they agree on nothing.
const EXPECTED: Record<RequestKey, Person[]> = {
  adaOrders: ['olivia', 'priya'],
  oliviaOwn: ['priya'],
  adaInventory: ['priya'],
  benSecondStage: ['priya'],
  adaRejected: [],
};

describeEngines('approver policy', (engine) => {
  it('the queue and the request page name the same deciders, and only approvers see the queue', async () => {
    const { db } = await engine.openMigrated();
    await world(db);
    for (const [name, user] of Object.entries(people) as [Person, PortalUser][]) {
      const queued = new Set((await listApprovalQueue(db, user)).map((r) => r.id));
      for (const [key, id] of Object.entries(REQUESTS) as [RequestKey, string][]) {
        const page = (await getRequestForUser(db, user, id))?.can.decide ?? false;
        expect({ name, key, queue: queued.has(id), page }).toEqual({
          name,
          key,
          queue: EXPECTED[key].includes(name),
          page: EXPECTED[key].includes(name),
        });
      }
      expect({ name, approver: await isApprover(db, user) }).toEqual({ name, approver: name === 'olivia' || name === 'priya' });
    }
  });

  for (const [key, id] of Object.entries(REQUESTS) as [RequestKey, string][]) {
    it(`the decision on ${key} succeeds exactly for those the queue and the page name`, async () => {
      for (const [name, user] of Object.entries(people) as [Person, PortalUser][]) {
        const { db } = await engine.openMigrated();
        await world(db);
        const { version } = await requestRow(db, id);
        const decided = await decideRequest(db, user, id, {
          verdict: 'reject',
          note: 'Not for this project.',
          expectedVersion: Number(version),
        }).then(
          () => true,
          () => false,
        );
        expect({ key, name, decided }).toEqual({ key, name, decided: EXPECTED[key].includes(name) });
      }
    });
  }
});
