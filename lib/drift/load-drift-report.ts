import 'server-only';
import type { Kysely } from 'kysely';
import type { ConfigFinding } from '@/lib/config-rules/config-finding';
import { loadIndexFacts } from '@/lib/config-rules/load-index-facts';
import { runConfigRules } from '@/lib/config-rules/run-config-rules';
import { db as portalDb } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { selectDrift } from './select-drift';

export interface DriftReport {
  findings: ConfigFinding[];
  apiCount: number;
  appCount: number;
  /** Oldest index time among the APIs: the report is as fresh as the catalog. */
  oldestSync: string | null;
}

/** Drift across every indexed API and app registration (reads the index only). */
export async function loadDriftReport(actor: { isAdmin: boolean }, database?: Kysely<Database>): Promise<DriftReport> {
  if (!actor.isAdmin) throw new UserFacingError('Only portal admins can see the drift report.', 'forbidden', 403);
  const facts = await loadIndexFacts(database ?? (await portalDb()));
  const synced = facts.apis
    .map((e) => e.api.syncedAt)
    .filter(Boolean)
    .sort();
  return {
    findings: selectDrift(runConfigRules(facts)),
    apiCount: facts.apis.length,
    appCount: facts.apps.length,
    oldestSync: synced[0] ?? null,
  };
}
