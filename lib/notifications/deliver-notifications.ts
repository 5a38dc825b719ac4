import 'server-only';
import type { Kysely } from 'kysely';
import { sendMail } from '@/lib/azure/graph/send-mail';
import { isoAfter, nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';
import { emailHtml, teamsMessage } from './format-channels';
import { postTeamsCard } from './post-teams-card';
import type { RenderedMessage } from './render-notification';
import { backoff, errorText, LEASE_MS, MAX_ATTEMPTS } from './notification-retry';

export interface DeliveryOptions {
  publicUrl: string;
  mailFrom?: string;
  teamsWebhookUrl?: string;
  baseDelayMs?: number;
}

const BATCH = 20;

type Row = { id: string; channel: string; address: string | null; message: string; attempts: number; next_run_at: string };

async function send(row: Row, options: DeliveryOptions): Promise<void> {
  const message = JSON.parse(row.message) as RenderedMessage;
  if (row.channel === 'email') {
    if (!options.mailFrom || !row.address) throw new Error('no mailbox to send from is configured (NOTIFY_MAIL_FROM)');
    await sendMail(options.mailFrom, { to: row.address, subject: message.subject, html: emailHtml(message, options.publicUrl) });
  } else {
    if (!options.teamsWebhookUrl) throw new Error('no Teams webhook is configured (TEAMS_WEBHOOK_URL)');
    await postTeamsCard(options.teamsWebhookUrl, teamsMessage(message, options.publicUrl));
  }
}

/**
 * Sends due emails and Teams cards once each: a row is leased before the call and marked sent after it, and a sent
 * row is never picked again. A failed attempt is retried with backoff, up to 8 attempts.
 */
export async function deliverNotifications(db: Kysely<Database>, options: DeliveryOptions): Promise<number> {
  const due = await db
    .selectFrom('notification_delivery')
    .select(['id', 'channel', 'address', 'message', 'attempts', 'next_run_at'])
    .where('sent_at', 'is', null)
    .where('channel', 'in', ['email', 'teams'])
    .where('attempts', '<', MAX_ATTEMPTS)
    .where('next_run_at', '<=', nowIso())
    .orderBy('next_run_at')
    .limit(BATCH)
    .execute();
  for (const row of due) {
    const leased = await db
      .updateTable('notification_delivery')
      .set({ next_run_at: isoAfter(LEASE_MS), updated_at: nowIso() })
      .where('id', '=', row.id)
      .where('next_run_at', '=', row.next_run_at)
      .where('sent_at', 'is', null)
      .executeTakeFirst();
    if (Number(leased.numUpdatedRows) !== 1) continue;
    const attempts = Number(row.attempts) + 1;
    try {
      await send(row, options);
      await db
        .updateTable('notification_delivery')
        .set({ attempts, sent_at: nowIso(), last_error: null, updated_at: nowIso() })
        .where('id', '=', row.id)
        .execute();
    } catch (cause) {
      const error = errorText(cause);
      console.warn(`notification delivery ${row.id} (${row.channel}) attempt ${attempts} failed: ${error}`);
      await db
        .updateTable('notification_delivery')
        .set({ attempts, last_error: error, next_run_at: isoAfter(backoff(attempts, options.baseDelayMs)), updated_at: nowIso() })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return due.length;
}
