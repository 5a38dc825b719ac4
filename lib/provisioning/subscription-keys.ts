import 'server-only';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { PortalUser } from '@/lib/auth/session';
import {
  findLinkedApimUser,
  getProductSubscription,
  readSubscriptionKeys,
  regenerateSubscriptionKey,
  setSubscriptionState,
} from '@/lib/azure/apim/product-subscriptions';
import type { ApimSubscription } from '@/lib/azure/apim/types';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { auditActor } from '@/lib/requests/request-access';
import { revokeGrant } from './revoke-grant';

const notYours = () => new UserFacingError('There is no such subscription, or it is not yours.', 'not_found', 404);

/** The subscription, when it belongs to the user's own APIM user (linked by their Entra object id); otherwise not found. */
async function ownSubscription(user: PortalUser, subscriptionId: string): Promise<ApimSubscription> {
  const [subscription, apimUser] = await Promise.all([getProductSubscription(subscriptionId), findLinkedApimUser(user.oid, user.upn)]);
  if (!subscription || !apimUser || subscription.userId?.toLowerCase() !== apimUser.id.toLowerCase()) throw notYours();
  return subscription;
}

async function audit(db: Kysely<Database>, user: PortalUser, action: string, s: ApimSubscription, data: Record<string, string> = {}) {
  // The keys themselves are never part of an audit event: only that someone saw or changed them.
  await withTransaction(db, (trx) =>
    appendAuditEvent(trx, {
      actor: auditActor(user),
      action,
      subject: { type: 'apim_subscription', id: s.id },
      data: { productId: s.productId ?? s.scope, ...data },
    }),
  );
}

/** The subscription's keys, for its owner; every reveal is audited. */
export async function revealSubscriptionKeys(
  db: Kysely<Database>,
  user: PortalUser,
  subscriptionId: string,
): Promise<{ primaryKey: string; secondaryKey: string }> {
  const subscription = await ownSubscription(user, subscriptionId);
  if (subscription.state !== 'active') throw new UserFacingError(`This subscription is ${subscription.state}; its keys do not work.`);
  const keys = await readSubscriptionKeys(subscription.id);
  await audit(db, user, 'subscription.keys_revealed', subscription);
  return keys;
}

/** A new primary or secondary key: the gateway refuses the old one from the next call. */
export async function regenerateOwnKey(
  db: Kysely<Database>,
  user: PortalUser,
  subscriptionId: string,
  which: 'primary' | 'secondary',
): Promise<string> {
  const subscription = await ownSubscription(user, subscriptionId);
  if (subscription.state !== 'active')
    throw new UserFacingError(`This subscription is ${subscription.state}; there is no key to regenerate.`);
  await regenerateSubscriptionKey(subscription.id, which);
  await audit(db, user, 'subscription.key_regenerated', subscription, { key: which });
  return `A new ${which} key is in force; the old one no longer works. Reveal the keys to copy the new one.`;
}

/**
 * Cancels the user's own subscription. One Roleport granted is ended through its request (the outbox cancels it in APIM,
 * audited as any ended grant); one made in APIM directly is cancelled at once.
 */
export async function cancelOwnSubscription(db: Kysely<Database>, user: PortalUser, subscriptionId: string): Promise<string> {
  const request = await db
    .selectFrom('access_request')
    .select(['id', 'version', 'status'])
    .where('requester_oid', '=', user.oid)
    .where('kind', '=', 'subscription')
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('subscription_id', '=', subscriptionId), eb('assignment_id', '=', subscriptionId)]))
    .executeTakeFirst();
  if (request) return (await revokeGrant(db, user, request.id, { expectedVersion: Number(request.version) })).message;
  const subscription = await ownSubscription(user, subscriptionId);
  if (subscription.state === 'cancelled') throw new UserFacingError('This subscription is already cancelled.', 'conflict', 409);
  await setSubscriptionState(subscription.id, 'cancelled');
  await audit(db, user, 'subscription.cancelled', subscription);
  return 'The subscription is cancelled; its keys no longer work.';
}
