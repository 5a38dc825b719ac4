import 'server-only';
import type { Kysely } from 'kysely';
import { isoAfter, nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';
import { startPollLoop, type PollLoop } from '@/lib/server/jobs/poll-loop';
import { purgeWebhookDeliveries } from './purge-webhook-deliveries';
import { signWebhook } from './sign-webhook';

export interface WebhookDeliveryOptions {
  url: string;
  /** Standard Webhooks secret (`whsec_…`) every delivery is signed with. */
  secret: string;
  /** Days delivered and abandoned rows are kept (default 7). */
  retentionDays?: number;
  pollMs?: number;
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to an hour. */
  baseDelayMs?: number;
  timeoutMs?: number;
}

const LEASE_MS = 60_000;
const BATCH = 20;

function backoff(attempts: number, baseMs: number): number {
  const delay = Math.min(3_600_000, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay * (0.75 + Math.random() / 2));
}

/** Sends one due delivery; the conditional update leases it so two replicas do not post the same event at once. */
async function deliverOne(
  db: Kysely<Database>,
  row: { id: string; event: string; attempts: number; next_run_at: string },
  options: Required<WebhookDeliveryOptions>,
): Promise<void> {
  const leased = await db
    .updateTable('webhook_delivery')
    .set({ next_run_at: isoAfter(LEASE_MS), updated_at: nowIso() })
    .where('id', '=', row.id)
    .where('next_run_at', '=', row.next_run_at)
    .where('delivered_at', 'is', null)
    .executeTakeFirst();
  if (Number(leased.numUpdatedRows) !== 1) return;

  let error: string | null = null;
  try {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Roleport-Webhook', ...signWebhook(options.secret, row.id, row.event) },
      body: row.event,
      signal: AbortSignal.timeout(options.timeoutMs),
      // A redirect could carry the signed event to a host nobody configured: a 3xx is a failed delivery.
      redirect: 'manual',
    });
    if (response.status >= 300 && response.status < 400) error = `HTTP ${response.status}: redirects are not followed`;
    else if (!response.ok) error = `HTTP ${response.status}`;
    await response.body?.cancel();
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
  }
  const attempts = Number(row.attempts) + 1;
  const now = nowIso();
  if (error === null) {
    await db
      .updateTable('webhook_delivery')
      .set({ attempts, delivered_at: now, last_error: null, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    return;
  }
  console.warn(`webhook delivery ${row.id} attempt ${attempts} failed: ${error}`);
  await db
    .updateTable('webhook_delivery')
    .set({ attempts, last_error: error, next_run_at: isoAfter(backoff(attempts, options.baseDelayMs)), updated_at: now })
    .where('id', '=', row.id)
    .execute();
}

/** Posts due deliveries once; returns how many were tried. */
export async function deliverDueWebhooks(db: Kysely<Database>, options: WebhookDeliveryOptions): Promise<number> {
  const settings = { pollMs: 5000, maxAttempts: 8, baseDelayMs: 30_000, timeoutMs: 10_000, retentionDays: 7, ...options };
  const due = await db
    .selectFrom('webhook_delivery')
    .select(['id', 'event', 'attempts', 'next_run_at'])
    .where('delivered_at', 'is', null)
    .where('attempts', '<', settings.maxAttempts)
    .where('next_run_at', '<=', nowIso())
    .orderBy('next_run_at')
    .limit(BATCH)
    .execute();
  for (const row of due) await deliverOne(db, row, settings);
  return due.length;
}

const PURGE_EVERY_MS = 60 * 60_000;

/** Background delivery of queued webhook events (and an hourly purge of old rows); `wake()` sends now instead of at the next poll. */
export function startWebhookDelivery(db: Kysely<Database>, options: WebhookDeliveryOptions): PollLoop {
  let purgedAt = 0;
  return startPollLoop('webhook delivery', options.pollMs ?? 5000, async () => {
    await deliverDueWebhooks(db, options);
    if (Date.now() - purgedAt >= PURGE_EVERY_MS) {
      purgedAt = Date.now();
      await purgeWebhookDeliveries(db, { retentionDays: options.retentionDays ?? 7, maxAttempts: options.maxAttempts ?? 8 });
    }
  });
}
