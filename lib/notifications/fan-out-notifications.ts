import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { getMailRecipient } from '@/lib/azure/graph/notification-directory';
import { isoAfter, nowIso } from '@/lib/db/clock';
import type { Database, NotificationChannel } from '@/lib/db/types';
import type { NotificationPayload } from './notification-event';
import { TEAMS_KINDS, isNotificationKind, type NotificationKind } from './notification-kinds';
import { turnedOff } from './notification-preferences';
import { portalAdmins, recipientsOf } from './notification-recipients';
import { renderNotification } from './render-notification';
import { backoff, errorText, LEASE_MS, MAX_ATTEMPTS } from './notification-retry';

export interface FanOutOptions {
  /** Email is sent only with a mailbox to send from. */
  mail: boolean;
  /** The Teams channel gets its kinds only when a webhook is configured. */
  teams: boolean;
  baseDelayMs?: number;
}

const BATCH = 20;

/** The outbox rows of one event: the bell and email per person (as each chose), and the Teams channel. */
async function deliveriesOf(
  db: Kysely<Database>,
  kind: NotificationKind,
  eventKey: string,
  payload: NotificationPayload,
  options: FanOutOptions,
  admins: () => Promise<string[]>,
) {
  const message = JSON.stringify(renderNotification(kind, payload));
  const teamMessage = JSON.stringify(renderNotification(kind, payload, 'team'));
  const now = nowIso();
  const row = (recipient: string, channel: NotificationChannel, address: string | null) => ({
    id: randomUUID(),
    event_key: eventKey,
    kind,
    recipient,
    channel,
    address,
    message: channel === 'teams' ? teamMessage : message,
    attempts: 0,
    next_run_at: now,
    // A bell item is delivered by being written.
    sent_at: channel === 'portal' ? now : null,
    read_at: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  });
  const people = await recipientsOf(db, kind, payload, admins);
  const off = await turnedOff(db, people, kind);
  const rows = [];
  for (const oid of people) {
    if (!off.has(`${oid}:portal`)) rows.push(row(oid, 'portal', null));
    if (options.mail && !off.has(`${oid}:email`)) {
      const { address } = await getMailRecipient(oid);
      if (address) rows.push(row(oid, 'email', address));
    }
  }
  if (options.teams && TEAMS_KINDS.includes(kind)) rows.push(row('channel', 'teams', null));
  return rows;
}

/**
 * Turns queued events into outbox rows, one per recipient and channel. The rows' unique key (event, recipient,
 * channel) makes a second fan-out of the same event (a retry after a crash, a second replica) add nothing.
 */
export async function fanOutNotifications(db: Kysely<Database>, options: FanOutOptions): Promise<number> {
  const due = await db
    .selectFrom('notification_event')
    .select(['id', 'event_key', 'kind', 'payload', 'attempts', 'next_run_at'])
    .where('fanned_out_at', 'is', null)
    .where('attempts', '<', MAX_ATTEMPTS)
    .where('next_run_at', '<=', nowIso())
    .orderBy('next_run_at')
    .limit(BATCH)
    .execute();
  let adminList: Promise<string[]> | undefined;
  const admins = () => (adminList ??= portalAdmins());
  for (const event of due) {
    const leased = await db
      .updateTable('notification_event')
      .set({ next_run_at: isoAfter(LEASE_MS), updated_at: nowIso() })
      .where('id', '=', event.id)
      .where('next_run_at', '=', event.next_run_at)
      .where('fanned_out_at', 'is', null)
      .executeTakeFirst();
    if (Number(leased.numUpdatedRows) !== 1 || !isNotificationKind(event.kind)) continue;
    try {
      const rows = await deliveriesOf(db, event.kind, event.event_key, JSON.parse(event.payload) as NotificationPayload, options, admins);
      if (rows.length > 0)
        await db
          .insertInto('notification_delivery')
          .values(rows)
          .onConflict((oc) => oc.columns(['event_key', 'recipient', 'channel']).doNothing())
          .execute();
      await db
        .updateTable('notification_event')
        .set({ fanned_out_at: nowIso(), last_error: null, updated_at: nowIso() })
        .where('id', '=', event.id)
        .execute();
    } catch (cause) {
      const attempts = Number(event.attempts) + 1;
      const error = errorText(cause);
      console.warn(`notification ${event.kind} ${event.id} could not be addressed (attempt ${attempts}): ${error}`);
      await db
        .updateTable('notification_event')
        .set({ attempts, last_error: error, next_run_at: isoAfter(backoff(attempts, options.baseDelayMs)), updated_at: nowIso() })
        .where('id', '=', event.id)
        .execute();
    }
  }
  return due.length;
}
