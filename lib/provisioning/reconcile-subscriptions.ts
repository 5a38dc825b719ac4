import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { listAllSubscriptions, listApimUsers } from '@/lib/azure/apim/read-subscriptions';
import type { Database } from '@/lib/db/types';
import { auditActor, systemActor } from '@/lib/requests/request-access';
import { markRemovedOutside } from './mark-removed-outside';

/** The reconciliation row of product subscriptions; '/' cannot occur in an APIM API id, so it never meets an API's row. */
export const SUBSCRIPTIONS_RUN_KEY = '/products';

export interface ExternalSubscription {
  subscriptionId: string;
  productId: string;
  ownerEmail: string | null;
  ownerOid: string | null;
  state: string;
  createdAt: string | null;
}

export interface SubscriptionReconcileReport {
  /** Active product subscriptions Roleport did not create (made in APIM or its developer portal). */
  external: ExternalSubscription[];
  /** Roleport's subscriptions found cancelled or deleted in APIM, now marked revoked. */
  removedInApim: { requestId: string; requesterName: string; productName: string }[];
}

const HOLDING = new Set(['active', 'suspended']);

/**
 * Compares Roleport's product subscriptions with APIM: reports active subscriptions to products that Roleport did not create, and
 * marks Roleport's active ones that APIM no longer holds (cancelled, expired, deleted) as revoked. Both lists are read in full
 * before anything is recorded.
 */
export async function reconcileSubscriptions(db: Kysely<Database>, user: PortalUser | null): Promise<SubscriptionReconcileReport> {
  const [subscriptions, users] = await Promise.all([listAllSubscriptions(), listApimUsers()]);
  const owners = new Map(users.map((u) => [u.id.toLowerCase(), u]));
  const byId = new Map(subscriptions.map((s) => [s.id.toLowerCase(), s]));
  const requests = await db.selectFrom('access_request').selectAll().where('kind', '=', 'subscription').execute();
  const ours = new Set(
    requests
      .flatMap((r) => [r.subscription_id, r.assignment_id])
      .filter(Boolean)
      .map((id) => id!.toLowerCase()),
  );
  const external = subscriptions
    .filter((s) => s.productId && s.state === 'active' && !ours.has(s.id.toLowerCase()))
    .map((s) => {
      const owner = s.userId ? owners.get(s.userId.toLowerCase()) : undefined;
      return {
        subscriptionId: s.id,
        productId: s.productId as string,
        ownerEmail: owner?.email ?? null,
        ownerOid: owner?.aadObjectId ?? null,
        state: s.state,
        createdAt: s.createdDate,
      };
    });
  const actor = user ? auditActor(user) : systemActor;
  const removedInApim: SubscriptionReconcileReport['removedInApim'] = [];
  for (const request of requests.filter((r) => r.status === 'active')) {
    const id = (request.assignment_id ?? request.subscription_id ?? '').toLowerCase();
    const state = byId.get(id)?.state ?? 'deleted';
    if (HOLDING.has(state)) continue;
    const found = {
      reason: `The subscription is ${state} in API Management, outside Roleport.`,
      action: 'request.removed_in_apim' as const,
      data: { subscriptionId: request.subscription_id, state },
    };
    if (await markRemovedOutside(db, request, actor, found))
      removedInApim.push({ requestId: request.id, requesterName: request.requester_name, productName: request.role_value });
  }
  return { external, removedInApim };
}
