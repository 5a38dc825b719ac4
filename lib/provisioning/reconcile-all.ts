import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { listIndexedApis } from '@/lib/catalog/read-index';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { reconcileAssignments } from './reconcile-assignments';
import { reconcileSubscriptions, SUBSCRIPTIONS_RUN_KEY } from './reconcile-subscriptions';

export interface ReconcileAllSummary {
  apis: number;
  /** APIs that could not be compared. */
  failed: number;
  removedInEntra: number;
  /** Whether the product subscriptions could be compared with APIM. */
  subscriptions: 'compared' | 'failed';
}

/** What an admin reads when one API could not be compared; the cause goes to the log. */
function failureMessage(error: unknown, scope: string): string {
  if (error instanceof UserFacingError) return error.message;
  console.error(`[reconcile ${scope}]`, error);
  if (scope === SUBSCRIPTIONS_RUN_KEY) return 'API Management could not be read; showing Roleport’s own records only.';
  return 'Microsoft Graph could not be read for this API; showing Roleport’s own records only.';
}

/**
 * Compares every API linked to an app registration with Entra (see reconcileAssignments) and stores each API's report,
 * which the Who-has-what page shows. Runs on the background schedule (`actor` null) or on an admin's explicit request;
 * never from a page view.
 */
export async function reconcileAllApis(db: Kysely<Database>, actor: PortalUser | null): Promise<ReconcileAllSummary> {
  if (actor && !actor.isAdmin) throw new UserFacingError('Only a portal admin can reconcile grants.', 'forbidden', 403);
  const apis = (await listIndexedApis(db)).filter((api) => api.appId !== null);
  const summary: ReconcileAllSummary = { apis: apis.length, failed: 0, removedInEntra: 0, subscriptions: 'compared' };
  // The product subscriptions against APIM, then each API against Entra, each stored as its own run.
  const scopes = [SUBSCRIPTIONS_RUN_KEY, ...apis.map((api) => api.id)];
  for (const scope of scopes) {
    let report: string | null = null;
    let error: string | null = null;
    try {
      if (scope === SUBSCRIPTIONS_RUN_KEY) {
        report = JSON.stringify(await reconcileSubscriptions(db, actor));
      } else {
        const result = await reconcileAssignments(db, actor, scope);
        summary.removedInEntra += result.removedInEntra.length;
        report = JSON.stringify(result);
      }
    } catch (cause) {
      if (scope === SUBSCRIPTIONS_RUN_KEY) summary.subscriptions = 'failed';
      else summary.failed += 1;
      error = failureMessage(cause, scope);
    }
    const now = nowIso();
    const run = {
      ran_at: now,
      trigger: actor ? ('admin' as const) : ('schedule' as const),
      actor_name: actor?.name ?? null,
      report,
      error,
    };
    await db
      .insertInto('reconciliation_run')
      .values({ api_id: scope, ...run, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('api_id').doUpdateSet({ ...run, updated_at: now }))
      .execute();
  }
  return summary;
}
