import 'server-only';
import type { Kysely } from 'kysely';
import type { CatalogApiRow, CatalogAppRow, CatalogOperationRow, Database } from '@/lib/db/types';
import type {
  ApiAccessSummary,
  ApiVersionInfo,
  CatalogProductRef,
  GroupHolding,
  IndexedApi,
  IndexedApp,
  IndexedAppRole,
  IndexedOperation,
} from './catalog-types';

export function toApi(row: CatalogApiRow): IndexedApi {
  return {
    id: row.id,
    displayName: row.display_name,
    description: row.description ?? '',
    path: row.path,
    gatewayBaseUrl: row.gateway_base_url ?? '',
    subscriptionRequired: row.subscription_required === 1,
    products: JSON.parse(row.products) as CatalogProductRef[],
    operationCount: row.operation_count,
    appId: row.app_id,
    appSource: row.app_source,
    access: JSON.parse(row.access) as ApiAccessSummary,
    syncedAt: row.synced_at,
    syncError: row.sync_error,
    ...(row.version ? { version: JSON.parse(row.version) as ApiVersionInfo } : {}),
  };
}

function toOperation(row: CatalogOperationRow): IndexedOperation {
  const request = JSON.parse(row.request) as { representations?: IndexedOperation['representations'] };
  return {
    id: row.id,
    displayName: row.display_name,
    method: row.method,
    urlTemplate: row.url_template,
    description: row.description ?? '',
    tag: row.tag,
    parameters: JSON.parse(row.parameters) as IndexedOperation['parameters'],
    representations: request.representations ?? [],
    access: JSON.parse(row.access) as IndexedOperation['access'],
  };
}

export function toApp(row: CatalogAppRow): IndexedApp {
  return {
    appId: row.app_id,
    objectId: row.object_id,
    servicePrincipalId: row.service_principal_id,
    displayName: row.display_name,
    identifierUris: JSON.parse(row.identifier_uris) as string[],
    tokenVersion: row.token_version === 2 ? 2 : 1,
    appRoles: JSON.parse(row.app_roles) as IndexedAppRole[],
    owners: JSON.parse(row.owners) as IndexedApp['owners'],
    groupHoldings: JSON.parse(row.group_holdings) as GroupHolding[],
  };
}

export async function listIndexedApis(db: Kysely<Database>): Promise<IndexedApi[]> {
  const rows = await db.selectFrom('catalog_api').selectAll().orderBy('display_name').execute();
  return rows.map(toApi);
}

export async function getIndexedApi(db: Kysely<Database>, apiId: string): Promise<IndexedApi | null> {
  const row = await db.selectFrom('catalog_api').selectAll().where('id', '=', apiId).executeTakeFirst();
  return row ? toApi(row) : null;
}

export async function listIndexedOperations(db: Kysely<Database>, apiId: string): Promise<IndexedOperation[]> {
  const rows = await db
    .selectFrom('catalog_operation')
    .selectAll()
    .where('api_id', '=', apiId)
    .orderBy('url_template')
    .orderBy('method')
    .execute();
  return rows.map(toOperation);
}

export async function listIndexedApps(db: Kysely<Database>): Promise<IndexedApp[]> {
  return (await db.selectFrom('catalog_app').selectAll().execute()).map(toApp);
}

export async function getIndexedApp(db: Kysely<Database>, appId: string): Promise<IndexedApp | null> {
  const row = await db.selectFrom('catalog_app').selectAll().where('app_id', '=', appId).executeTakeFirst();
  return row ? toApp(row) : null;
}

export async function listIndexedProducts(db: Kysely<Database>): Promise<CatalogProductRef[]> {
  const rows = await db.selectFrom('catalog_product').select(['id', 'display_name']).orderBy('display_name').execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
}
