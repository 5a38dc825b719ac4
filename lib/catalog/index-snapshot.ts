import 'server-only';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import type { CatalogProductRef, IndexedApi, IndexedApp } from './catalog-types';
import { listIndexedApps, listIndexedProducts, toApi } from './read-index';
import { processSingleton } from '@/lib/server/state/process-singleton';

export interface IndexSnapshot {
  stamp: string;
  apis: IndexedApi[];
  /** Lower-cased text each API's search matches against, by API id. */
  searchText: Map<string, string>;
  apps: IndexedApp[];
  appById: Map<string, IndexedApp>;
  products: CatalogProductRef[];
}

// Parsed once per change of the index, not once per page view; one per process so every module copy shares it.
const latest = processSingleton('indexSnapshot', () => ({ current: undefined as Promise<IndexSnapshot> | undefined }));

/** Changes whenever a sync writes, adds or removes an API, app or product (every write sets updated_at). */
async function currentStamp(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ stamp: string }>`
    select (select count(*) from catalog_api) || ':' || coalesce((select max(updated_at) from catalog_api), '') || ':' ||
           (select count(*) from catalog_app) || ':' || coalesce((select max(updated_at) from catalog_app), '') || ':' ||
           (select count(*) from catalog_product) || ':' || coalesce((select max(updated_at) from catalog_product), '') as stamp`.execute(
    db,
  );
  return String(rows[0]?.stamp ?? '');
}

async function load(db: Kysely<Database>, stamp: string): Promise<IndexSnapshot> {
  const [rows, apps, products] = await Promise.all([
    db.selectFrom('catalog_api').selectAll().orderBy('display_name').execute(),
    listIndexedApps(db),
    listIndexedProducts(db),
  ]);
  return {
    stamp,
    apis: rows.map(toApi),
    searchText: new Map(rows.map((row) => [row.id, row.search_text])),
    apps,
    appById: new Map(apps.map((app) => [app.appId, app])),
    products,
  };
}

/** The whole catalog index as pages use it, re-read only when the index changed. */
export async function getIndexSnapshot(db: Kysely<Database>): Promise<IndexSnapshot> {
  const stamp = await currentStamp(db);
  const cached = await latest.current?.catch(() => undefined);
  if (cached?.stamp === stamp) return cached;
  const loading = load(db, stamp);
  latest.current = loading;
  return loading;
}

/** APIs whose name, description, path or operations contain every word of the query. */
export function searchSnapshot(snapshot: IndexSnapshot, query: string): IndexedApi[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return snapshot.apis;
  return snapshot.apis.filter((api) => {
    const text = snapshot.searchText.get(api.id) ?? '';
    return words.every((word) => text.includes(word));
  });
}
