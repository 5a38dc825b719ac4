import 'server-only';
import type { Kysely } from 'kysely';
import { isoAfter, nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';
import { RENEWAL_WINDOW_MS } from '@/lib/requests/renewal-window';
import { payloadOf, queueNotification } from './queue-notification';

/** Queues "your access ends in 7 days" for each active grant inside that window; once per grant and end date. */
export async function queueExpiringGrants(db: Kysely<Database>, now = new Date()): Promise<number> {
  const grants = await db
    .selectFrom('access_request')
    .selectAll()
    .where('status', '=', 'active')
    .where('expires_at', 'is not', null)
    .where('expires_at', '>', nowIso(now))
    .where('expires_at', '<=', isoAfter(RENEWAL_WINDOW_MS, now))
    .execute();
  for (const grant of grants)
    await queueNotification(db, {
      kind: 'access-expiring',
      eventKey: `access-expiring:${grant.id}:${grant.expires_at}`,
      payload: payloadOf(grant),
    });
  return grants.length;
}
