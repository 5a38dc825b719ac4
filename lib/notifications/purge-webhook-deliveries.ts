import 'server-only';
import type { Kysely } from 'kysely';
import { isoAfter } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';

/**
 * Deletes webhook rows older than the retention period: delivered ones, and ones given up after the last attempt.
 * Rows still being retried stay. Each row holds a request's details, so they are kept no longer than needed.
 */
export async function purgeWebhookDeliveries(
  db: Kysely<Database>,
  options: { retentionDays: number; maxAttempts: number; now?: Date },
): Promise<number> {
  const cutoff = isoAfter(-options.retentionDays * 86_400_000, options.now);
  const result = await db
    .deleteFrom('webhook_delivery')
    .where((eb) =>
      eb.or([
        eb('delivered_at', '<', cutoff),
        eb.and([eb('delivered_at', 'is', null), eb('attempts', '>=', options.maxAttempts), eb('updated_at', '<', cutoff)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
