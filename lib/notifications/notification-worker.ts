import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import { startPollLoop, type PollLoop } from '@/lib/server/jobs/poll-loop';
import { deliverNotifications, type DeliveryOptions } from './deliver-notifications';
import { fanOutNotifications } from './fan-out-notifications';
import { purgeNotifications } from './purge-notifications';
import { queueExpiringGrants } from './queue-expiring-grants';

export interface NotificationWorkerOptions extends DeliveryOptions {
  pollMs?: number;
  /** Between scans for grants entering the renewal window (default 10 minutes). */
  expiryScanMs?: number;
}

/** Background: finds grants about to end, addresses queued events to people and channels, sends the outbox, purges old rows. */
export function startNotificationWorker(db: Kysely<Database>, options: NotificationWorkerOptions): PollLoop {
  let scannedAt = 0;
  return startPollLoop('notifications', options.pollMs ?? 3000, async () => {
    if (Date.now() - scannedAt >= (options.expiryScanMs ?? 10 * 60_000)) {
      scannedAt = Date.now();
      await queueExpiringGrants(db);
      await purgeNotifications(db);
    }
    await fanOutNotifications(db, {
      mail: Boolean(options.mailFrom),
      teams: Boolean(options.teamsWebhookUrl),
      baseDelayMs: options.baseDelayMs,
    });
    await deliverNotifications(db, options);
  });
}
