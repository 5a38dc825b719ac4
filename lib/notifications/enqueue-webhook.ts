import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';
import { getConfig } from '@/lib/env';
import { queueRequestNotification } from './queue-notification';
import type { RuleWebhookEvent, WebhookEvent } from './webhook-event';

/**
 * Queues a webhook notification inside the caller's transaction, so it is sent if and only if the change commits,
 * and what a request event tells people (email, Teams, the bell) in the same transaction, from the same one stream.
 * Delivery happens later in `startWebhookDelivery` and the notification worker: a slow or failing receiver never holds
 * up a decision.
 */
export async function enqueueWebhook(
  trx: Transaction<Database>,
  event: Omit<WebhookEvent, 'at'> | Omit<RuleWebhookEvent, 'at'>,
  url: string | null = getConfig().webhookUrl ?? null,
): Promise<void> {
  if (event.type !== 'approval_rule.auto_approve_enabled') await queueRequestNotification(trx, event);
  if (!url) return;
  const now = nowIso();
  await trx
    .insertInto('webhook_delivery')
    .values({
      id: randomUUID(),
      event: JSON.stringify({ ...event, at: now }),
      attempts: 0,
      next_run_at: now,
      last_error: null,
      delivered_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}
