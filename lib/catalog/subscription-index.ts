import 'server-only';
import type { Kysely } from 'kysely';
import { listAllSubscriptions, listApimUsers } from '@/lib/azure/apim/read-subscriptions';
import type { ApimSubscription, ApimUser } from '@/lib/azure/apim/types';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';

export interface SubscriptionSnapshot {
  subscriptions: ApimSubscription[];
  users: ApimUser[];
}

/** Reads every subscription and every APIM user (for the owners' Entra ids) through the caller's call gate. */
export async function readSubscriptionIndex(run: <T>(read: () => Promise<T>) => Promise<T>): Promise<SubscriptionSnapshot> {
  const [subscriptions, users] = await Promise.all([run(listAllSubscriptions), run(listApimUsers)]);
  return { subscriptions, users };
}

/** Replaces the subscription index with what APIM listed: only complete reads reach here, so a row gone is gone in APIM. */
export async function writeSubscriptionIndex(db: Kysely<Database>, snapshot: SubscriptionSnapshot): Promise<void> {
  const users = new Map(snapshot.users.map((u) => [u.id.toLowerCase(), u]));
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('catalog_subscription').execute();
    for (const s of snapshot.subscriptions) {
      const owner = s.userId ? users.get(s.userId.toLowerCase()) : undefined;
      await trx
        .insertInto('catalog_subscription')
        .values({
          id: s.id,
          scope: s.scope,
          product_id: s.productId,
          apim_user_id: s.userId,
          owner_oid: owner?.aadObjectId ?? null,
          owner_email: owner?.email ?? null,
          display_name: s.displayName,
          state: s.state,
          created_date: s.createdDate,
          synced_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  });
}
