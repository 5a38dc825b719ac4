import 'server-only';
import type { Kysely } from 'kysely';
import { listIndexedApis, listIndexedApps, listIndexedOperations } from '@/lib/catalog/read-index';
import { db as portalDb } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { getConfig } from '@/lib/env';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { findDrift } from './drift-rules';
import type { DriftFinding } from './drift-types';

export interface DriftReport {
  findings: DriftFinding[];
  apiCount: number;
  appCount: number;
  /** Oldest index time among the APIs: the report is as fresh as the catalog. */
  oldestSync: string | null;
}

/** Drift across every indexed API and app registration (reads the index only). */
export async function loadDriftReport(actor: { isAdmin: boolean }, database?: Kysely<Database>): Promise<DriftReport> {
  if (!actor.isAdmin) throw new UserFacingError('Only portal admins can see the drift report.', 'forbidden', 403);
  const db = database ?? (await portalDb());
  const [apis, apps] = await Promise.all([listIndexedApis(db), listIndexedApps(db)]);
  const entries = await Promise.all(apis.map(async (api) => ({ api, operations: await listIndexedOperations(db, api.id) })));
  const { tenantId, authorityHost, cloud } = getConfig();
  const order = { high: 0, medium: 1, low: 2 } as const;
  const findings = findDrift({ apis: entries, apps, tenant: { tenantId, authorityHost, v1IssuerHost: cloud.v1IssuerHost } }).sort(
    (a, b) => order[a.severity] - order[b.severity],
  );
  const synced = apis
    .map((a) => a.syncedAt)
    .filter(Boolean)
    .sort();
  return { findings, apiCount: apis.length, appCount: apps.length, oldestSync: synced[0] ?? null };
}
