import 'server-only';
import type { Kysely } from 'kysely';
import { isoAfter } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';
import { MAX_ATTEMPTS } from './notification-retry';

/** Days a sent message, an abandoned one, a read bell item and an addressed event are kept. */
export const NOTIFICATION_RETENTION_DAYS = 30;
/** Unread bell items are kept longer: they wait for someone to come back. */
export const UNREAD_RETENTION_DAYS = 90;

/**
 * Deletes what no one needs any more. Events are kept as long as their deliveries, which is well past any retry that
 * could queue them again (a transition queues its event once; the expiry scan stops when the grant ends).
 */
export async function purgeNotifications(db: Kysely<Database>, now = new Date()): Promise<number> {
  const cutoff = isoAfter(-NOTIFICATION_RETENTION_DAYS * 86_400_000, now);
  const unreadCutoff = isoAfter(-UNREAD_RETENTION_DAYS * 86_400_000, now);
  const deliveries = await db
    .deleteFrom('notification_delivery')
    .where((eb) =>
      eb.or([
        eb.and([eb('channel', '!=', 'portal'), eb('sent_at', '<', cutoff)]),
        eb.and([
          eb('channel', '!=', 'portal'),
          eb('sent_at', 'is', null),
          eb('attempts', '>=', MAX_ATTEMPTS),
          eb('updated_at', '<', cutoff),
        ]),
        eb.and([eb('channel', '=', 'portal'), eb('read_at', '<', cutoff)]),
        eb.and([eb('channel', '=', 'portal'), eb('created_at', '<', unreadCutoff)]),
      ]),
    )
    .executeTakeFirst();
  const events = await db
    .deleteFrom('notification_event')
    .where((eb) =>
      eb.or([
        eb('fanned_out_at', '<', cutoff),
        eb.and([eb('fanned_out_at', 'is', null), eb('attempts', '>=', MAX_ATTEMPTS), eb('updated_at', '<', cutoff)]),
      ]),
    )
    .executeTakeFirst();
  return Number(deliveries.numDeletedRows) + Number(events.numDeletedRows);
}
