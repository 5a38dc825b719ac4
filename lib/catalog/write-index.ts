import 'server-only';
import type { Kysely } from 'kysely';
import type { ApimApi, ApimProduct } from '@/lib/azure/apim/types';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';
import type { BuiltApiIndex } from './build-api-index';
import type { ApiVersionInfo, CatalogProductRef, IndexedApp } from './catalog-types';

export interface ProductData {
  apiIds: string[];
  policy: string | null;
}

export async function writeProducts(db: Kysely<Database>, products: { product: ApimProduct; data: ProductData }[]): Promise<void> {
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('catalog_product').execute();
    for (const { product, data } of products) {
      await trx
        .insertInto('catalog_product')
        .values({
          id: product.id,
          display_name: product.displayName,
          description: product.description,
          subscription_required: product.subscriptionRequired ? 1 : 0,
          approval_required: product.approvalRequired ? 1 : 0,
          state: product.state,
          data: JSON.stringify(data),
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  });
}

export async function writeApp(db: Kysely<Database>, app: IndexedApp): Promise<void> {
  const now = nowIso();
  const values = {
    object_id: app.objectId,
    service_principal_id: app.servicePrincipalId,
    display_name: app.displayName,
    identifier_uris: JSON.stringify(app.identifierUris),
    token_version: app.tokenVersion,
    app_roles: JSON.stringify(app.appRoles),
    owners: JSON.stringify(app.owners),
    group_holdings: JSON.stringify(app.groupHoldings),
    synced_at: now,
    updated_at: now,
  };
  await db
    .insertInto('catalog_app')
    .values({ app_id: app.appId, ...values, created_at: now })
    .onConflict((oc) => oc.column('app_id').doUpdateSet(values))
    .execute();
}

export interface ApiIndexEntry {
  api: ApimApi;
  version?: ApiVersionInfo;
  gatewayBaseUrl: string;
  products: CatalogProductRef[];
  app: { appId: string; source: 'policy' | 'override' } | null;
  built: BuiltApiIndex;
}

function searchText(entry: ApiIndexEntry): string {
  const { api, built } = entry;
  return [
    api.id,
    api.displayName,
    api.description,
    api.path,
    entry.version?.value ?? '',
    ...built.operations.map((op) => `${op.displayName} ${op.urlTemplate}`),
  ]
    .join(' ')
    .toLowerCase();
}

/** Replaces one API and its operations in one transaction, so readers see the old index or the new one. */
export async function writeApiIndex(db: Kysely<Database>, entry: ApiIndexEntry): Promise<void> {
  const now = nowIso();
  const { api, built } = entry;
  const values = {
    display_name: api.displayName,
    description: api.description,
    path: api.path,
    service_url: api.serviceUrl,
    gateway_base_url: entry.gatewayBaseUrl,
    version: entry.version ? JSON.stringify(entry.version) : null,
    subscription_required: api.subscriptionRequired ? 1 : 0,
    app_id: entry.app?.appId ?? null,
    app_source: entry.app?.source ?? 'none',
    access: JSON.stringify(built.access),
    products: JSON.stringify(entry.products),
    operation_count: built.operations.length,
    search_text: searchText(entry),
    synced_at: now,
    sync_error: null,
    updated_at: now,
  } as const;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('catalog_api')
      .values({ id: api.id, ...values, created_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    await trx.deleteFrom('catalog_operation').where('api_id', '=', api.id).execute();
    if (built.operations.length === 0) return;
    await trx
      .insertInto('catalog_operation')
      .values(
        built.operations.map((op) => ({
          api_id: api.id,
          id: op.id,
          display_name: op.displayName,
          method: op.method,
          url_template: op.urlTemplate,
          description: op.description,
          tag: op.tag,
          parameters: JSON.stringify(op.parameters),
          request: JSON.stringify({ representations: op.representations }),
          access: JSON.stringify(op.access),
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  });
}

/** Keeps the last good index of an API that could not be read, and says why. */
export async function markApiSyncError(db: Kysely<Database>, apiId: string, error: string): Promise<void> {
  await db.updateTable('catalog_api').set({ sync_error: error, updated_at: nowIso() }).where('id', '=', apiId).execute();
}

export async function removeApisNotIn(db: Kysely<Database>, keep: string[]): Promise<number> {
  const existing = await db.selectFrom('catalog_api').select('id').execute();
  const gone = existing.map((row) => row.id).filter((id) => !keep.includes(id));
  if (gone.length > 0) await db.deleteFrom('catalog_api').where('id', 'in', gone).execute();
  return gone.length;
}

export async function removeApi(db: Kysely<Database>, apiId: string): Promise<void> {
  await db.deleteFrom('catalog_api').where('id', '=', apiId).execute();
}

/** One product's row, as a targeted refresh read it; the other products' rows stay as they are. */
export async function writeProduct(db: Kysely<Database>, product: ApimProduct, data: ProductData): Promise<void> {
  const now = nowIso();
  const values = {
    display_name: product.displayName,
    description: product.description,
    subscription_required: product.subscriptionRequired ? (1 as const) : (0 as const),
    approval_required: product.approvalRequired ? (1 as const) : (0 as const),
    state: product.state,
    data: JSON.stringify(data),
    updated_at: now,
  };
  await db
    .insertInto('catalog_product')
    .values({ id: product.id, ...values, created_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export async function removeProduct(db: Kysely<Database>, productId: string): Promise<void> {
  await db.deleteFrom('catalog_product').where('id', '=', productId).execute();
}
