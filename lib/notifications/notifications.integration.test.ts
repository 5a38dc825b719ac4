// Rule: each change tells the right people once, on the channels they kept on: a retried job or a second fan-out sends nothing twice, and no secret reaches a log line or a row.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Kysely } from 'kysely';
import { decideRequest } from '@/lib/approvals/decide-request';
import { submitRequest } from '@/lib/approvals/submit-request';
import type { Database } from '@/lib/db/types';
import { getConfig } from '@/lib/env';
import { runDueProvisioningJobs } from '@/lib/provisioning/provisioning-worker';
import { NOTIFICATIONS_MAILBOX } from '@/emulator/seed/demo-tenant';
import { scriptFaults, USERS } from '@/test/harness/access-fixture';
import { ada, olivia, readRoleId, writeRoleId } from '@/test/harness/access-people';
import { approvedRequest, prepare, withTenant, worker } from '@/test/harness/access-world';
import { isoAfter } from '@/lib/db/clock';
import { loadMyAccessPage } from '@/lib/requests/load-my-access-page';
import { describeEngines } from '@/test/harness/database-engines';
import { deliverNotifications } from './deliver-notifications';
import { fanOutNotifications } from './fan-out-notifications';
import { defaultPreferences, savePreferences } from './notification-preferences';
import { purgeNotifications } from './purge-notifications';
import { queueExpiringGrants } from './queue-expiring-grants';
import { queueNotification } from './queue-notification';

const tenant = withTenant();

interface Mail {
  from: string;
  to: string[];
  subject: string;
  content: string;
}
const control = (path: string, init?: RequestInit) => fetch(`${tenant().emulator.urls.authorityHost}/_emulator/${path}`, init);
const mails = async () => ((await (await control('mail')).json()) as { value: Mail[] }).value;
const cards = () => tenant().emulator.teams.list();

/** One pass of the notification worker, as the server runs it. */
async function notify(db: Kysely<Database>) {
  const { notifyMailFrom: mailFrom, teamsWebhookUrl, publicUrl } = getConfig();
  await fanOutNotifications(db, { mail: Boolean(mailFrom), teams: Boolean(teamsWebhookUrl) });
  await deliverNotifications(db, { publicUrl, mailFrom, teamsWebhookUrl });
}

async function submit(db: Kysely<Database>) {
  const { requestId } = await submitRequest(db, ada, {
    apiId: 'orders',
    roleId: readRoleId,
    justification: 'Checkout flow.',
    durationDays: 30,
  });
  return requestId;
}

const bell = (db: Kysely<Database>, oid: string) =>
  db.selectFrom('notification_delivery').select(['kind']).where('recipient', '=', oid).where('channel', '=', 'portal').execute();

beforeEach(async () => {
  await control('mail', { method: 'DELETE' });
  tenant().emulator.teams.clear();
});
afterEach(() => vi.restoreAllMocks());

describeEngines('notifications', (engine) => {
  it('a request reaches its approvers by email, Teams and the bell, the decision and the grant reach the requester, and repeats add nothing', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const id = await submit(db);
    await notify(db);

    const waiting = await mails();
    // Priya (portal admin) and Olivia (owner of the Orders app) may decide; Ada, the requester, is not told to.
    expect(waiting.map((m) => m.to[0]).sort()).toEqual([USERS.olivia.userPrincipalName, USERS.priya.userPrincipalName]);
    expect(waiting[0]).toMatchObject({
      from: NOTIFICATIONS_MAILBOX.userPrincipalName,
      subject: 'Approval needed: Ada Lovelace asks for Orders.Read on orders',
    });
    expect(waiting[0]!.content).toContain(`${getConfig().publicUrl}/admin/requests`);
    expect(cards()).toHaveLength(1);
    expect(JSON.stringify(cards()[0]!.card)).toContain('Approval needed: Ada Lovelace asks for Orders\\\\.Read on orders');
    expect(await bell(db, USERS.olivia.oid)).toEqual([{ kind: 'request-waiting' }]);

    // The worker crashed after sending and before recording the fan-out: it addresses the event again, and sends nothing new.
    await db.updateTable('notification_event').set({ fanned_out_at: null }).execute();
    await queueNotification(db, {
      kind: 'request-waiting',
      eventKey: (await db.selectFrom('notification_event').select('event_key').executeTakeFirstOrThrow()).event_key,
      payload: JSON.parse((await db.selectFrom('notification_event').select('payload').executeTakeFirstOrThrow()).payload),
    });
    await notify(db);
    expect(await mails()).toHaveLength(2);
    expect(cards()).toHaveLength(1);
    expect(await db.selectFrom('notification_event').select('id').execute()).toHaveLength(1);

    await decideRequest(db, olivia, id, { verdict: 'approve', expectedVersion: 1 });
    // The grant's first Graph call fails: the provisioning job is retried, and "ready" is still told once.
    await scriptFaults(tenant().emulator, [{ method: 'POST', pathContains: 'appRoleAssignedTo', kind: '500', times: 1 }]);
    await runDueProvisioningJobs(db, worker);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await runDueProvisioningJobs(db, worker);
    await notify(db);
    await notify(db);
    const toAda = (await mails()).filter((m) => m.to[0] === USERS.ada.userPrincipalName).map((m) => m.subject);
    expect(toAda).toEqual(['Your request for Orders.Read on orders was approved', 'Your access is ready: Orders.Read on orders']);
    const ready = (await mails()).find((m) => m.subject.startsWith('Your access is ready'))!;
    expect(ready.content).toContain('get a new token');
    expect(ready.content).toContain(`${getConfig().publicUrl}/requests/${id}`);
    expect((await bell(db, USERS.ada.oid)).map((b) => b.kind).sort()).toEqual(['access-ready', 'request-decided']);
  });

  it("honours a person's choice per kind and channel: no email for a kind turned off, the bell still rings", async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const prefs = defaultPreferences();
    prefs['request-decided'].email = false;
    prefs['request-waiting'].portal = false;
    await savePreferences(db, USERS.ada.oid, prefs);
    await savePreferences(db, USERS.olivia.oid, prefs);
    const id = await submit(db);
    await notify(db);
    await decideRequest(db, olivia, id, { verdict: 'reject', expectedVersion: 1, note: 'Use the sandbox.' });
    await notify(db);
    expect((await mails()).filter((m) => m.to[0] === USERS.ada.userPrincipalName)).toEqual([]);
    expect(await bell(db, USERS.ada.oid)).toEqual([{ kind: 'request-decided' }]);
    // Olivia kept email for waiting requests but turned their bell items off.
    expect((await mails()).map((m) => m.to[0])).toContain(USERS.olivia.userPrincipalName);
    expect(await bell(db, USERS.olivia.oid)).toEqual([]);
  });

  it('tells the holder once, 7 days ahead, that a grant ends; a grant ending later is not mentioned yet', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    const soon = await approvedRequest(db, ada, readRoleId);
    const later = await approvedRequest(db, ada, writeRoleId);
    await runDueProvisioningJobs(db, worker);
    await db
      .updateTable('access_request')
      .set({ expires_at: isoAfter(5 * 86_400_000) })
      .where('id', '=', soon)
      .execute();
    await db
      .updateTable('access_request')
      .set({ expires_at: isoAfter(10 * 86_400_000) })
      .where('id', '=', later)
      .execute();
    await notify(db);
    await control('mail', { method: 'DELETE' });
    expect(await queueExpiringGrants(db)).toBe(1);
    expect(await queueExpiringGrants(db)).toBe(1);
    await notify(db);
    await notify(db);
    const ending = (await mails()).filter((m) => m.subject.startsWith('Your access ends in 7 days'));
    expect(ending.map((m) => [m.to[0], m.subject])).toEqual([
      [USERS.ada.userPrincipalName, 'Your access ends in 7 days: Orders.Read on orders'],
    ]);
    expect(ending[0]!.content).toContain(`renew=${soon}`);
    // My access lists the grant ending within the week on its own, at the top.
    const page = await loadMyAccessPage(ada, db);
    expect(page.endingSoon.map((g) => [g.requestId, g.roleValue])).toEqual([[soon, 'Orders.Read']]);
    expect(Object.keys(page.endsOf).sort()).toEqual(['orders:Orders.Read', 'orders:Orders.Write']);

    // A month on, sent messages, read bell items and their events are purged; unread bell items stay.
    const unread = await db
      .selectFrom('notification_delivery')
      .select('id')
      .where('channel', '=', 'portal')
      .where('read_at', 'is', null)
      .execute();
    await db.updateTable('notification_delivery').set({ read_at: new Date().toISOString() }).where('id', '=', unread[0]!.id).execute();
    await purgeNotifications(db, new Date(Date.now() + 31 * 86_400_000));
    const left = await db.selectFrom('notification_delivery').select(['channel', 'read_at']).execute();
    expect(left.length).toBe(unread.length - 1);
    expect(left.every((r) => r.channel === 'portal' && r.read_at === null)).toBe(true);
    expect(await db.selectFrom('notification_event').select('id').execute()).toEqual([]);
  });

  it('a failing Teams webhook is retried later, and neither its secret URL nor anything else secret reaches the log or the row', async () => {
    const { db } = await engine.openMigrated();
    await prepare(db);
    await submit(db);
    const logged: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const secretToken = 'IncomingWebhook-secret-9f8e7d6c5b4a';
    const teamsWebhookUrl = `${tenant().emulator.urls.authorityHost}/_emulator/no-such-teams/${secretToken}`;
    const { notifyMailFrom: mailFrom, publicUrl } = getConfig();
    await fanOutNotifications(db, { mail: true, teams: true });
    await deliverNotifications(db, { publicUrl, mailFrom, teamsWebhookUrl });
    const teams = await db.selectFrom('notification_delivery').selectAll().where('channel', '=', 'teams').executeTakeFirstOrThrow();
    expect(teams).toMatchObject({ sent_at: null, attempts: 1, last_error: 'Teams answered HTTP 404' });
    expect(teams.next_run_at > new Date().toISOString()).toBe(true);
    expect(logged.join('\n')).toContain('attempt 1 failed');
    for (const text of [logged.join('\n'), JSON.stringify(await db.selectFrom('notification_delivery').selectAll().execute())]) {
      expect(text).not.toContain(secretToken);
      expect(text).not.toContain(getConfig().clientSecret);
      expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no bearer token
    }
    expect(cards()).toEqual([]);
  });
});
