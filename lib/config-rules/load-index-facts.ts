import 'server-only';
import type { Kysely } from 'kysely';
import type { IndexedApi, IndexedApp, IndexedOperation } from '@/lib/catalog/catalog-types';
import { listIndexedApis, listIndexedApps, listIndexedOperations } from '@/lib/catalog/read-index';
import type { Database } from '@/lib/db/types';
import { getConfig } from '@/lib/env';
import type { ConfigRulesInput } from './config-rules-input';

export interface IndexFacts extends ConfigRulesInput {
  apis: { api: IndexedApi; operations: IndexedOperation[] }[];
  apps: IndexedApp[];
}

/** What the configuration rules read from the catalog index and the configuration; callers add what they look up live. */
export async function loadIndexFacts(db: Kysely<Database>): Promise<IndexFacts> {
  const [apis, apps] = await Promise.all([listIndexedApis(db), listIndexedApps(db)]);
  const entries = await Promise.all(apis.map(async (api) => ({ api, operations: await listIndexedOperations(db, api.id) })));
  const { tenantId, authorityHost, cloud } = getConfig();
  return { apis: entries, apps, tenant: { tenantId, authorityHost, v1IssuerHost: cloud.v1IssuerHost } };
}
