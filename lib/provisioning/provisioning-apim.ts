import 'server-only';
import {
  createLinkedApimUser,
  createProductSubscription,
  findLinkedApimUser,
  getProductSubscription,
  listUserSubscriptions,
  setSubscriptionState,
} from '@/lib/azure/apim/product-subscriptions';
import type { ApimSubscription, ApimUser } from '@/lib/azure/apim/types';
import type { AccessRequestRow } from '@/lib/db/types';

export type SubscriptionGrantTarget = Pick<
  AccessRequestRow,
  'id' | 'requester_oid' | 'requester_upn' | 'requester_name' | 'product_id' | 'subscription_id' | 'assignment_id'
>;

/** APIM refused the subscription for a reason another attempt cannot change (blocked user, limit, unpublished product). */
export class SubscriptionRefusedError extends Error {
  override name = 'SubscriptionRefusedError';
}

const HOLDING = new Set(['active', 'submitted', 'suspended']);

/** The subscription id Roleport gives a request's subscription: fixed by the request, so every retry names the same one. */
export function subscriptionIdFor(requestId: string): string {
  return `roleport-${requestId.toLowerCase()}`;
}

async function apimUserOf(request: SubscriptionGrantTarget): Promise<ApimUser> {
  const email = request.requester_upn ?? '';
  if (!email) throw new SubscriptionRefusedError('The requester has no sign-in name, so no API Management user can be linked to them.');
  const found = await findLinkedApimUser(request.requester_oid, email);
  const user = found ?? (await createUser(request, email));
  if (user.state !== 'active')
    throw new SubscriptionRefusedError(
      `The requester's API Management user is ${user.state}; an API Management administrator must unblock it before a subscription can be created.`,
    );
  return user;
}

async function createUser(request: SubscriptionGrantTarget, email: string): Promise<ApimUser> {
  try {
    return await createLinkedApimUser({ oid: request.requester_oid, email, name: request.requester_name });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 409)
      throw new SubscriptionRefusedError(
        `API Management already has a user with the email ${email} that is not linked to this Entra account; an administrator must link or remove it.`,
      );
    throw error;
  }
}

const refusal = (error: unknown): never => {
  const status = (error as { statusCode?: number }).statusCode;
  // ARM's 400 and 409 on a subscription are APIM's rules (limit, unpublished product, blocked owner): final, with APIM's reason.
  if (status === 400 || status === 409)
    throw new SubscriptionRefusedError(`API Management refused the subscription: ${(error as Error).message}`);
  throw error;
};

function covers(subscription: ApimSubscription, productId: string, userId: string): boolean {
  return subscription.productId?.toLowerCase() === productId.toLowerCase() && subscription.userId?.toLowerCase() === userId.toLowerCase();
}

/**
 * Makes the developer's subscription to the product true in APIM and returns its id. Idempotent: the APIM user is found by its
 * Entra identity before one is created; the subscription has an id fixed by the request, so a retried job finds the one an
 * earlier attempt made (and activates it if needed); a subscription of the user's own to the product, made outside Roleport,
 * is adopted rather than duplicated.
 */
export async function grantSubscription(request: SubscriptionGrantTarget): Promise<{ assignmentId: string; adopted: boolean }> {
  if (!request.product_id || !request.subscription_id) throw new Error('subscription request without a product or subscription id');
  const user = await apimUserOf(request);
  const planned = await getProductSubscription(request.subscription_id);
  if (planned) {
    if (!covers(planned, request.product_id, user.id))
      throw new SubscriptionRefusedError(`Subscription ${planned.id} exists in API Management for another user or product.`);
    if (planned.state !== 'active') await setSubscriptionState(planned.id, 'active').catch(refusal);
    return { assignmentId: planned.id, adopted: true };
  }
  const own = (await listUserSubscriptions(user.id)).find((s) => covers(s, request.product_id as string, user.id) && HOLDING.has(s.state));
  if (own) {
    if (own.state !== 'active') await setSubscriptionState(own.id, 'active').catch(refusal);
    return { assignmentId: own.id, adopted: true };
  }
  const created = await createProductSubscription({
    subscriptionId: request.subscription_id,
    userId: user.id,
    productId: request.product_id,
    displayName: `${request.requester_name} – ${request.product_id}`.slice(0, 100),
  }).catch(refusal);
  return { assignmentId: created.id, adopted: false };
}

/** Ends the subscription in APIM (cancelled, so its keys stop working at once); already gone or ended counts as done. */
export async function cancelSubscription(request: SubscriptionGrantTarget): Promise<{ removed: boolean }> {
  const id = request.assignment_id ?? request.subscription_id;
  if (!id) return { removed: false };
  const current = await getProductSubscription(id);
  if (!current || !HOLDING.has(current.state)) return { removed: false };
  await setSubscriptionState(id, 'cancelled');
  return { removed: true };
}
