import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import type { Database, RequestStatus } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';

/** Products per page of the subscriptions part of Who has what. */
export const SUBSCRIPTION_PAGE_SIZE = 10;

export interface SubscriptionHolder {
  /** The APIM subscription; null while Roleport's request has not created it yet. */
  subscriptionId: string | null;
  owner: { name: string; email: string | null };
  /** APIM's state as last read (active, suspended, submitted), else where Roleport's request stands. */
  state: string;
  /** Roleport's request behind it; null for a subscription made in APIM or its developer portal. */
  requestId: string | null;
  createdAt: string | null;
}

export interface ProductHolders {
  product: { id: string; displayName: string };
  holders: SubscriptionHolder[];
}

// Roleport's grants in force or on their way, as the grants table lists them.
const GRANTED: RequestStatus[] = ['approved', 'provisioning', 'active', 'failed'];
// APIM states in which nobody holds a subscription any more.
const ENDED = new Set(['cancelled', 'rejected', 'expired']);

const contains = (q: string, ...texts: (string | null)[]) => texts.some((text) => text?.toLowerCase().includes(q));

/**
 * Who holds a subscription to each product that needs one: APIM's subscriptions as of the last sync, each named as Roleport's
 * (its request) or made outside Roleport, plus Roleport's grants the index does not list yet. Narrowed by `q` (a holder or
 * a product) and paged by product; reads the database only.
 */
export async function listSubscriptionHolders(
  db: Kysely<Database>,
  user: PortalUser,
  filters: { q: string; page: number },
  pageSize = SUBSCRIPTION_PAGE_SIZE,
) {
  if (!user.isAdmin) throw new UserFacingError('Only a portal admin can see who has what.', 'forbidden', 403);
  const [products, indexed, requests] = await Promise.all([
    db
      .selectFrom('catalog_product')
      .select(['id', 'display_name'])
      .where('subscription_required', '=', 1)
      .orderBy('display_name')
      .execute(),
    db.selectFrom('catalog_subscription').selectAll().where('product_id', 'is not', null).orderBy('created_date').execute(),
    db.selectFrom('access_request').selectAll().where('kind', '=', 'subscription').execute(),
  ]);
  const requestOf = new Map<string, (typeof requests)[number]>();
  for (const r of requests) for (const id of [r.subscription_id, r.assignment_id]) if (id) requestOf.set(id.toLowerCase(), r);
  const listed = new Set<string>();
  const holders = new Map<string, SubscriptionHolder[]>();
  const add = (productId: string, holder: SubscriptionHolder) => holders.set(productId, [...(holders.get(productId) ?? []), holder]);
  for (const s of indexed.filter((s) => !ENDED.has(s.state))) {
    const request = requestOf.get(s.id.toLowerCase());
    // Roleport cancelled it after the last sync: APIM no longer holds it, whatever the index says.
    if (request && !GRANTED.includes(request.status)) continue;
    if (request) listed.add(request.id);
    add((s.product_id as string).toLowerCase(), {
      subscriptionId: s.id,
      owner: { name: request?.requester_name ?? s.owner_email ?? s.apim_user_id ?? 'an unknown APIM user', email: s.owner_email },
      state: s.state,
      requestId: request?.id ?? null,
      createdAt: s.created_date,
    });
  }
  // Created since the last sync, or still on their way: Roleport's own record is all there is.
  for (const r of requests.filter((r) => GRANTED.includes(r.status) && !listed.has(r.id) && r.product_id))
    add((r.product_id as string).toLowerCase(), {
      subscriptionId: r.status === 'active' ? (r.assignment_id ?? r.subscription_id) : null,
      owner: { name: r.requester_name, email: r.requester_upn },
      state: r.status === 'active' ? 'active' : r.status,
      requestId: r.id,
      createdAt: r.activated_at ?? r.created_at,
    });

  const q = filters.q.toLowerCase();
  const matching = products
    .map((p) => {
      const all = holders.get(p.id.toLowerCase()) ?? [];
      const productMatches = !q || contains(q, p.display_name, p.id);
      return {
        product: { id: p.id, displayName: p.display_name },
        holders: productMatches ? all : all.filter((h) => contains(q, h.owner.name, h.owner.email)),
      };
    })
    .filter((section) => !q || section.holders.length > 0);
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(filters.page, pages);
  return {
    sections: matching.slice((page - 1) * pageSize, page * pageSize) as ProductHolders[],
    productCount: matching.length,
    holderCount: matching.reduce((n, s) => n + s.holders.length, 0),
    page,
  };
}
