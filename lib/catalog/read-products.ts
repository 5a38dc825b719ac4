import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import type { ProductData } from './write-index';

export interface IndexedProduct {
  id: string;
  displayName: string;
  description: string;
  terms: string;
  subscriptionRequired: boolean;
  approvalRequired: boolean;
  published: boolean;
  /** Subscriptions one developer may hold at once; null when unlimited. */
  subscriptionsLimit: number | null;
  apis: { id: string; displayName: string }[];
}

type ProductRow = Awaited<ReturnType<typeof productRows>>[number];

function productRows(db: Kysely<Database>) {
  return db.selectFrom('catalog_product').selectAll().orderBy('display_name').execute();
}

function toProduct(row: ProductRow, apiNames: Map<string, string>): IndexedProduct {
  const data = JSON.parse(row.data) as ProductData;
  return {
    id: row.id,
    displayName: row.display_name,
    description: row.description ?? '',
    terms: row.terms ?? '',
    subscriptionRequired: row.subscription_required === 1,
    approvalRequired: row.approval_required === 1,
    published: row.state === 'published',
    subscriptionsLimit: row.subscriptions_limit,
    apis: data.apiIds.filter((id) => apiNames.has(id)).map((id) => ({ id, displayName: apiNames.get(id) as string })),
  };
}

async function apiNamesOf(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('catalog_api').select(['id', 'display_name']).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/**
 * Products developers may see: published ones. An unpublished product is visible to administrators only, as in APIM's
 * developer portal; `includeUnpublished` is for the admin pages.
 */
export async function listProductsWithApis(
  db: Kysely<Database>,
  options: { includeUnpublished?: boolean } = {},
): Promise<IndexedProduct[]> {
  const [rows, names] = await Promise.all([productRows(db), apiNamesOf(db)]);
  return rows.map((row) => toProduct(row, names)).filter((p) => p.published || options.includeUnpublished);
}

export async function getIndexedProduct(db: Kysely<Database>, productId: string): Promise<IndexedProduct | null> {
  const row = await db.selectFrom('catalog_product').selectAll().where('id', '=', productId).executeTakeFirst();
  return row ? toProduct(row, await apiNamesOf(db)) : null;
}
