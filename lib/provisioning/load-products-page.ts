import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { getIndexedProduct, listProductsWithApis, type IndexedProduct } from '@/lib/catalog/read-products';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { listMySubscriptions, type MySubscription } from './my-subscriptions';

export interface ProductWithState extends IndexedProduct {
  /** The caller's standing with the product: 'subscribed', 'waiting for approval', 'being created', 'suspended', … or null. */
  myState: string | null;
}

// An active subscription says more than an older failed request, so states are ranked.
const RANK = ['active', 'being created', 'waiting for approval', 'submitted', 'suspended', 'failed'];

function stateFor(product: IndexedProduct, mine: MySubscription[]): string | null {
  const states = mine.filter((s) => s.productId.toLowerCase() === product.id.toLowerCase()).map((s) => s.state);
  const best = RANK.find((state) => states.includes(state)) ?? states[0] ?? null;
  return best === 'active' ? 'subscribed' : best;
}

/** Every published product with its APIs and the caller's state. */
export async function loadProductsPage(user: PortalUser, database?: Kysely<Database>): Promise<ProductWithState[]> {
  const conn = database ?? (await db());
  const [products, mine] = await Promise.all([
    listProductsWithApis(conn, { includeUnpublished: user.isAdmin }),
    listMySubscriptions(conn, user),
  ]);
  return products.map((p) => ({ ...p, myState: stateFor(p, mine) }));
}

/** One product (published, or any for an admin) with the caller's subscriptions to it. */
export async function loadProductPage(user: PortalUser, productId: string, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  const product = await getIndexedProduct(conn, productId);
  if (!product || (!product.published && !user.isAdmin)) return null;
  const mine = (await listMySubscriptions(conn, user)).filter((s) => s.productId.toLowerCase() === product.id.toLowerCase());
  return { product: { ...product, myState: stateFor(product, mine) }, mine };
}

/** The user's subscriptions, for the My subscriptions page. */
export async function loadMySubscriptionsPage(user: PortalUser, database?: Kysely<Database>): Promise<MySubscription[]> {
  return listMySubscriptions(database ?? (await db()), user);
}
