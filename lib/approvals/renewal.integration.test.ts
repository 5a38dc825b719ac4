// Rule: a renewal is a request like any other (same rule, same stages) whose approval moves its grant's end date, once, with no second assignment in Entra; a renewal of a grant one does not hold, that is not expiring, or that is already being renewed is refused with the reason.
import { expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { isoAfter } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';
import { getConfig } from '@/lib/env';
import { deliverNotifications } from '@/lib/notifications/deliver-notifications';
import { fanOutNotifications } from '@/lib/notifications/fan-out-notifications';
import { queueExpiringGrants } from '@/lib/notifications/queue-expiring-grants';
import { runDueProvisioningJobs } from '@/lib/provisioning/provisioning-worker';
import { ordersAssignmentsOf } from '@/test/harness/access-fixture';
import { ada, ben, olivia, priya, readRoleId } from '@/test/harness/access-people';
import { approvedRequest, prepare, requestRow, saveOrdersRule, withTenant, worker } from '@/test/harness/access-world';
import { describeEngines } from '@/test/harness/database-engines';
import { loadMyAccessPage } from '@/lib/requests/load-my-access-page';
import { loadNewRequestPage } from './load-new-request-page';
import { decideRequest } from './decide-request';
import { submitRequest } from './submit-request';

const tenant = withTenant();
const DAY = 86_400_000;

/** Ada's Orders.Read, granted in Entra, ending `inDays` from now. */
async function heldGrant(db: Kysely<Database>, inDays: number): Promise<string> {
  const id = await approvedRequest(db, ada, readRoleId);
  await runDueProvisioningJobs(db, worker);
  await db
    .updateTable('access_request')
    .set({ expires_at: isoAfter(inDays * DAY) })
    .where('id', '=', id)
    .execute();
  return id;
}

const renew = (db: Kysely<Database>, grantId: string, who = ada) =>
  submitRequest(db, who, {
    apiId: 'orders',
    roleId: readRoleId,
    justification: 'Still building the checkout flow.',
    durationDays: 30,
    renews: grantId,
  });

/** The renewal link opens the form filled in from the grant, on the grant's API, whatever the link said. */
async function expectRenewalForm(db: Kysely<Database>, grantId: string): Promise<void> {
  const form = await loadNewRequestPage(ada, 'payments', { renew: grantId, database: db });
  expect(form.renewal).toMatchObject({
    ok: true,
    grantId,
    apiId: 'orders',
    roleId: readRoleId,
    justification: 'Building the checkout flow.',
  });
  expect(form.data?.api.id).toBe('orders');
}

describeEngines('renewal', (engine) => {
  it('goes through the same stages and, approved, extends the grant in place: one assignment, one extension, audited as a renewal', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const grantId = await heldGrant(db, 5);
    await expectRenewalForm(db, grantId);
    const before = await requestRow(db, grantId);
    await saveOrdersRule(db, 'Orders.Read', { autoApprove: false, stages: 2, maxDays: 30 });

    const { requestId, status } = await renew(db, grantId);
    expect(status).toBe('pending');
    expect((await requestRow(db, requestId)).rule_snapshot).toContain('"stages":2');
    const first = await decideRequest(db, olivia, requestId, { verdict: 'approve', expectedVersion: 1 });
    expect(first).toMatchObject({ status: 'pending', outcome: 'stage-approved' });
    expect((await requestRow(db, grantId)).expires_at).toBe(before.expires_at);

    const second = await decideRequest(db, priya, requestId, { verdict: 'approve', expectedVersion: 2 });
    expect(second).toMatchObject({ status: 'renewed', outcome: 'approved' });
    const grant = await requestRow(db, grantId);
    const expected = new Date(Date.parse(before.expires_at!) + 30 * DAY).toISOString();
    expect(grant).toMatchObject({ status: 'active', expires_at: expected, assignment_id: before.assignment_id });
    expect(await requestRow(db, requestId)).toMatchObject({ status: 'renewed', expires_at: expected, renews_request_id: grantId });

    // Nothing is queued for Entra, and a retried decision extends nothing twice.
    expect(await db.selectFrom('provisioning_job').select('id').execute()).toEqual([]);
    await runDueProvisioningJobs(db, worker);
    expect(ordersAssignmentsOf(tenant().emulator, 'ada')).toHaveLength(1);
    await expect(decideRequest(db, priya, requestId, { verdict: 'approve', expectedVersion: 2 })).rejects.toThrow(/already decided/);
    expect((await requestRow(db, grantId)).expires_at).toBe(expected);
    const audit = await db.selectFrom('audit_event').select(['action', 'data']).where('action', '=', 'request.renewed').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data as string)).toMatchObject({
      renewsRequestId: grantId,
      previousExpiresAt: before.expires_at,
      expiresAt: expected,
    });
  });

  it('refuses a grant not held, not expiring, or already being renewed, saying why', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const later = await heldGrant(db, 20);
    await expect(renew(db, later)).rejects.toThrow(/ends on \d{4}-\d{2}-\d{2}; it can be renewed from \d{4}-\d{2}-\d{2}\./);
    await db
      .updateTable('access_request')
      .set({ expires_at: isoAfter(3 * DAY) })
      .where('id', '=', later)
      .execute();
    // Ben cannot renew Ada's grant, and an id of nothing reads the same.
    await expect(renew(db, later, ben)).rejects.toThrow('You hold no such grant to renew.');
    await expect(renew(db, '00000000-0000-4000-8000-000000000000')).rejects.toThrow('You hold no such grant to renew.');
    // A renewal names the role of its grant.
    await expect(
      submitRequest(db, ada, {
        apiId: 'orders',
        roleId: readRoleId,
        justification: 'Still building it.',
        renews: later,
        clientSpId: readRoleId,
      }),
    ).rejects.toThrow(/a renewal asks for that role again, for you alone/);
    const { status } = await renew(db, later);
    expect(status).toBe('pending');
    await expect(renew(db, later)).rejects.toThrow('You already asked to renew Orders.Read on orders; that renewal is pending.');
    // The form and My access say the same, reading only.
    const form = await loadNewRequestPage(ada, undefined, { renew: later, database: db });
    expect(form.renewal).toEqual({ ok: false, refusal: 'You already asked to renew Orders.Read on orders; that renewal is pending.' });
    const ending = (await loadMyAccessPage(ada, db)).endingSoon.find((g) => g.requestId === later);
    expect(ending?.renewalRequestId).toBe(
      (await db.selectFrom('access_request').select('id').where('renews_request_id', '=', later).executeTakeFirstOrThrow()).id,
    );
  });

  it('with an automatic rule, extends at once; the expiry email and Teams card link to the filled-in renewal form', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const grantId = await heldGrant(db, 4);
    await fetch(`${tenant().emulator.urls.authorityHost}/_emulator/mail`, { method: 'DELETE' });
    tenant().emulator.teams.clear();
    const { publicUrl, notifyMailFrom: mailFrom, teamsWebhookUrl } = getConfig();
    await queueExpiringGrants(db);
    await fanOutNotifications(db, { mail: Boolean(mailFrom), teams: Boolean(teamsWebhookUrl) });
    await deliverNotifications(db, { publicUrl, mailFrom, teamsWebhookUrl });
    const link = `${publicUrl}/requests/new?api=orders&#38;role=${readRoleId}&#38;renew=${grantId}`;
    const mail = await fetch(`${tenant().emulator.urls.authorityHost}/_emulator/mail`);
    const sent = ((await mail.json()) as { value: { subject: string; content: string }[] }).value;
    expect(sent.find((m) => m.subject.startsWith('Your access ends in 7 days'))?.content).toContain(link);
    const card = tenant()
      .emulator.teams.list()
      .find((c) => JSON.stringify(c.card).includes('ends in 7 days'));
    expect(JSON.stringify(card?.card)).toContain(`${publicUrl}/requests/new?api=orders&role=${readRoleId}&renew=${grantId}`);

    await expectRenewalForm(db, grantId);
    const before = await requestRow(db, grantId);
    await saveOrdersRule(db, 'Orders.Read', { autoApprove: true, stages: 1, maxDays: 30 });
    const { status } = await renew(db, grantId);
    expect(status).toBe('renewed');
    expect((await requestRow(db, grantId)).expires_at).toBe(new Date(Date.parse(before.expires_at!) + 30 * DAY).toISOString());
    expect(await db.selectFrom('provisioning_job').select('id').execute()).toEqual([]);
  });
});
