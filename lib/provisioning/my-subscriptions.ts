import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import type { Database, RequestStatus } from '@/lib/db/types';

export interface MySubscription {
  /** The APIM subscription id; null while the request waits or is being provisioned. */
  subscriptionId: string | null;
  productId: string;
  productName: string;
  /** APIM's state when the subscription exists (active, suspended, submitted, cancelled, …), else where the request stands. */
  state: string;
  /** The Roleport request behind it, or null for a subscription made in APIM directly. */
  request: { id: string; status: RequestStatus; version: number } | null;
  createdAt: string | null;
  /** Keys exist (and may be revealed, copied, regenerated) only for an active subscription. */
  hasKeys: boolean;
}

const SHOWN: RequestStatus[] = ['pending', 'approved', 'provisioning', 'active', 'failed'];
const REQUEST_STATE: Partial<Record<RequestStatus, string>> = {
  pending: 'waiting for approval',
  approved: 'being created',
  provisioning: 'being created',
  failed: 'failed',
};

/**
 * The user's product subscriptions: those Roleport requested for them, and those APIM lists for their APIM user (as of the
 * last sync) that were made elsewhere. Reads the database only; keys are read from APIM when the user reveals them.
 */
export async function listMySubscriptions(db: Kysely<Database>, user: PortalUser): Promise<MySubscription[]> {
  const [requests, indexed, products] = await Promise.all([
    db
      .selectFrom('access_request')
      .selectAll()
      .where('requester_oid', '=', user.oid)
      .where('kind', '=', 'subscription')
      .orderBy('created_at', 'desc')
      .execute(),
    db.selectFrom('catalog_subscription').selectAll().where('owner_oid', '=', user.oid.toLowerCase()).orderBy('created_date').execute(),
    db.selectFrom('catalog_product').select(['id', 'display_name']).execute(),
  ]);
  const productName = new Map(products.map((p) => [p.id.toLowerCase(), p.display_name]));
  const byId = new Map(indexed.map((s) => [s.id.toLowerCase(), s]));
  const fromRequests = requests
    .filter((r) => SHOWN.includes(r.status))
    .map((r): MySubscription => {
      const sid = r.status === 'active' ? (r.subscription_id ?? r.assignment_id) : null;
      const apim = sid ? byId.get(sid.toLowerCase()) : undefined;
      // The index may predate the grant (synced before it was made): an active request means an active subscription.
      const state = r.status === 'active' ? (apim?.state ?? 'active') : (REQUEST_STATE[r.status] ?? r.status);
      return {
        subscriptionId: sid,
        productId: r.product_id ?? '',
        productName: r.role_value,
        state,
        request: { id: r.id, status: r.status, version: Number(r.version) },
        createdAt: r.activated_at ?? r.created_at,
        hasKeys: sid !== null && state === 'active',
      };
    });
  // Every request counts here, ended ones too: a subscription Roleport cancelled since the last sync is not one made elsewhere.
  const requested = new Set(
    requests
      .flatMap((r) => [r.subscription_id, r.assignment_id])
      .filter(Boolean)
      .map((id) => id!.toLowerCase()),
  );
  const outside = indexed
    .filter((s) => !requested.has(s.id.toLowerCase()) && s.product_id && s.state !== 'cancelled' && s.state !== 'rejected')
    .map((s): MySubscription => ({
      subscriptionId: s.id,
      productId: s.product_id as string,
      productName: productName.get((s.product_id as string).toLowerCase()) ?? (s.product_id as string),
      state: s.state,
      request: null,
      createdAt: s.created_date,
      hasKeys: s.state === 'active',
    }));
  return [...fromRequests, ...outside];
}
