// Rule: a subscription request waits for its product's approvers — portal admins, and the members of the Entra group the
// product's rule names — and the queue, the request page and the decision agree on who they are; nobody decides their own.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { forgetLiveChecks } from '@/lib/auth/live-check-cache';
import type { PortalUser } from '@/lib/auth/session';
import { syncCatalog } from '@/lib/catalog/sync-catalog';
import type { Database } from '@/lib/db/types';
import { recipientsOf } from '@/lib/notifications/notification-recipients';
import { getRequestForUser } from '@/lib/requests/query-requests';
import { demoUser, USERS } from '@/test/harness/access-fixture';
import { describeEngines } from '@/test/harness/database-engines';
import { addGroup } from '@/test/harness/directory-groups';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { decideRequest } from './decide-request';
import { isApprover, listApprovalQueue, listOwnWaiting } from './list-approval-queue';
import { saveProductApproverGroup } from './product-approver-group';
import { submitSubscriptionRequest } from './submit-subscription-request';

const ada = demoUser('ada') as PortalUser;
const ben = demoUser('ben') as PortalUser;
const olivia = demoUser('olivia') as PortalUser;
const priya = demoUser('priya') as PortalUser;
/** The partner desk approves Partners subscriptions; Ben is its member. Olivia owns app registrations but not this. */
const PARTNER_DESK = 'e7f1a3b5-00aa-4c2d-8e9f-0000000000aa';

let env: PortalTestEnv;
beforeAll(async () => {
  env = await startPortalTestEnv();
  addGroup(env.emulator.directory, { id: PARTNER_DESK, displayName: 'Partner desk' });
});
afterAll(async () => env?.close());

const members = () => env.emulator.directory.groups.get(PARTNER_DESK)!.members;
const refusal = (work: Promise<unknown>) => work.then(() => '').catch((e: Error) => e.message);

describeEngines('product approver group', (engine) => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    ({ db } = await engine.openMigrated());
    expect((await syncCatalog(db)).status).toBe('succeeded');
  });
  beforeEach(async () => {
    await db.deleteFrom('access_request').execute();
    await db.deleteFrom('product_rule').execute();
    members().clear();
    members().add(USERS.ben.oid);
    forgetLiveChecks();
  });

  const partnersRequest = async (who: PortalUser) =>
    (await submitSubscriptionRequest(db, who, { productId: 'partners', acceptTerms: true, justification: 'Refund desk.' })).requestId;
  const view = async (who: PortalUser, id: string) => ({
    queued: (await listApprovalQueue(db, who)).some((r) => r.id === id),
    page: (await getRequestForUser(db, who, id))?.can.decide ?? false,
    approver: await isApprover(db, who),
  });

  it('sends the request to the group’s members, who see it and decide it', async () => {
    const saved = await saveProductApproverGroup(db, priya, { productId: 'partners', groupId: PARTNER_DESK.toUpperCase() });
    expect(saved).toEqual({ productId: 'partners', groupId: PARTNER_DESK, groupName: 'Partner desk' });
    const id = await partnersRequest(ada);
    expect(await view(ben, id)).toEqual({ queued: true, page: true, approver: true });
    // Portal admins still decide every request.
    expect(await view(priya, id)).toEqual({ queued: true, page: true, approver: true });
    const waiting = await recipientsOf(
      db,
      'request-waiting',
      {
        requestId: id,
        apiId: '',
        appId: '',
        roleId: '',
        roleValue: 'Partners',
        requester: { oid: ada.oid, name: ada.name },
        status: 'pending',
        stage: 1,
        expiresAt: null,
      },
      async () => [priya.oid],
    );
    expect(waiting.sort()).toEqual([ben.oid, priya.oid].sort());
    expect((await decideRequest(db, ben, id, { verdict: 'approve', expectedVersion: 1 })).outcome).toBe('approved');
  });

  it('refuses a non-member in the decision itself, and a member who left the group, though the request was theirs to see', async () => {
    await saveProductApproverGroup(db, priya, { productId: 'partners', groupId: PARTNER_DESK });
    const id = await partnersRequest(ada);
    // Olivia owns app registrations, so she has a queue; subscriptions to Partners are not in it.
    expect(await view(olivia, id)).toEqual({ queued: false, page: false, approver: true });
    expect(await refusal(decideRequest(db, olivia, id, { verdict: 'approve', expectedVersion: 1 }))).toBe(
      'There is no such request, or it is not yours to see.',
    );
    expect(await view(ben, id)).toMatchObject({ queued: true });
    members().delete(USERS.ben.oid);
    forgetLiveChecks();
    expect(await view(ben, id)).toEqual({ queued: false, page: false, approver: false });
    expect(await refusal(decideRequest(db, ben, id, { verdict: 'reject', note: 'Not for partners.', expectedVersion: 1 }))).toBe(
      'There is no such request, or it is not yours to see.',
    );
    const row = await db.selectFrom('access_request').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect({ status: row.status, version: Number(row.version) }).toEqual({ status: 'pending', version: 1 });
  });

  it('keeps a member’s own request out of their queue and refuses their decision on it', async () => {
    await saveProductApproverGroup(db, priya, { productId: 'partners', groupId: PARTNER_DESK });
    members().add(USERS.ada.oid);
    const id = await partnersRequest(ada);
    expect(await view(ada, id)).toEqual({ queued: false, page: false, approver: true });
    expect((await listOwnWaiting(db, ada)).map((r) => r.id)).toEqual([id]);
    expect(await refusal(decideRequest(db, ada, id, { verdict: 'approve', expectedVersion: 1 }))).toBe(
      'You cannot approve your own request.',
    );
    expect(await view(ben, id)).toMatchObject({ queued: true, page: true });
  });

  it('leaves the request to portal admins when the product has no approver group', async () => {
    const id = await partnersRequest(ada);
    expect(await view(ben, id)).toEqual({ queued: false, page: false, approver: false });
    expect(await refusal(decideRequest(db, ben, id, { verdict: 'approve', expectedVersion: 1 }))).toBe(
      'There is no such request, or it is not yours to see.',
    );
    expect(await view(priya, id)).toEqual({ queued: true, page: true, approver: true });
    expect((await decideRequest(db, priya, id, { verdict: 'approve', expectedVersion: 1 })).outcome).toBe('approved');
  });

  it('refuses a malformed or unknown group, an unknown or open product and a non-admin, writing nothing', async () => {
    const save = (who: PortalUser, productId: string, groupId: string) =>
      refusal(saveProductApproverGroup(db, who, { productId, groupId }));
    expect(await save(priya, 'partners', 'partner-desk')).toBe(
      'The group id must be a GUID: the Object ID shown on the group’s page in Entra.',
    );
    const unknown = 'e7f1a3b5-00aa-4c2d-8e9f-0000000000ab';
    expect(await save(priya, 'partners', unknown)).toBe(`There is no group with the id ${unknown} in Entra.`);
    expect(await save(priya, 'no-such-product', PARTNER_DESK)).toBe('There is no such product in the catalog.');
    expect(await save(priya, 'starter', PARTNER_DESK)).toBe(
      'Starter grants subscriptions without approval, so an approver group would never be asked.',
    );
    expect(await save(ben, 'partners', PARTNER_DESK)).toBe('Only a portal admin can change approval rules.');
    expect(await db.selectFrom('product_rule').selectAll().execute()).toEqual([]);
  });

  it('audits setting and clearing the group; a cleared rule hands the product back to portal admins', async () => {
    await saveProductApproverGroup(db, priya, { productId: 'partners', groupId: PARTNER_DESK });
    expect(await saveProductApproverGroup(db, priya, { productId: 'partners', groupId: ' ' })).toBeNull();
    expect(await db.selectFrom('product_rule').selectAll().execute()).toEqual([]);
    const events = await db
      .selectFrom('audit_event')
      .select(['action', 'subject_id'])
      .where('subject_type', '=', 'product_rule')
      .orderBy('seq')
      .execute();
    expect(events.slice(-2)).toEqual([
      { action: 'product_rule.created', subject_id: 'partners' },
      { action: 'product_rule.deleted', subject_id: 'partners' },
    ]);
    const id = await partnersRequest(ada);
    expect(await view(ben, id)).toMatchObject({ queued: false, approver: false });
  });
});
