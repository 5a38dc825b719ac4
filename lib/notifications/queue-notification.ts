import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { AccessRequestRow, Database } from '@/lib/db/types';
import type { NotificationPayload, QueuedNotification } from './notification-event';
import type { NotificationKind } from './notification-kinds';
import type { WebhookEvent } from './webhook-event';

/** The payload a notification about this request carries. */
export function payloadOf(request: AccessRequestRow, extra: Partial<NotificationPayload> = {}): NotificationPayload {
  return {
    requestId: request.id,
    apiId: request.api_id,
    appId: request.app_id,
    roleId: request.role_id,
    roleValue: request.role_value,
    requester: { oid: request.requester_oid, name: request.requester_name },
    status: request.status,
    stage: Number(request.stage),
    expiresAt: request.expires_at,
    failureReason: request.failure_reason,
    ...extra,
  };
}

/**
 * Which notification a request event is, if any, and its key. Keys carry the request's version after the change, so
 * each transition is told once; "access ready" is told once per request, however often its job is retried.
 */
export function notificationFor(event: Omit<WebhookEvent, 'at'>, request: AccessRequestRow): QueuedNotification | null {
  const version = Number(request.version);
  const kind: NotificationKind | null =
    request.status === 'pending' && (event.type === 'request.submitted' || event.type === 'request.decided')
      ? 'request-waiting'
      : event.type === 'request.decided'
        ? 'request-decided'
        : event.type === 'request.activated'
          ? 'access-ready'
          : event.type === 'request.failed'
            ? 'provisioning-failed'
            : null;
  if (!kind) return null;
  const eventKey = kind === 'access-ready' ? `${kind}:${request.id}` : `${kind}:${request.id}:${version}`;
  return { kind, eventKey, payload: payloadOf(request, event.actor.oid ? { actorName: event.actor.name } : {}) };
}

/** Records the notification in the caller's transaction (or alone); a second one with the same key is dropped. */
export async function queueNotification(db: Kysely<Database> | Transaction<Database>, n: QueuedNotification): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('notification_event')
    .values({
      id: randomUUID(),
      event_key: n.eventKey,
      kind: n.kind,
      request_id: n.payload.requestId,
      payload: JSON.stringify(n.payload),
      attempts: 0,
      next_run_at: now,
      fanned_out_at: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('event_key').doNothing())
    .execute();
}

/** Queues what a request event tells people, reading the request as the transaction left it. */
export async function queueRequestNotification(trx: Transaction<Database>, event: Omit<WebhookEvent, 'at'>): Promise<void> {
  const request = await trx.selectFrom('access_request').selectAll().where('id', '=', event.requestId).executeTakeFirst();
  if (!request) return;
  const notification = notificationFor(event, request);
  if (notification) await queueNotification(trx, notification);
}
