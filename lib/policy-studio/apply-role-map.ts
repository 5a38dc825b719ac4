import 'server-only';
import type { Kysely } from 'kysely';
import { syncOneApi } from '@/lib/catalog/sync-catalog';
import type { Database } from '@/lib/db/types';
import { preparePlan } from './preview-plan';
import { assertAdmin, type StudioActor } from './read-current';
import type { ApplyInput } from './role-map-schema';
import type { ApplyOutcome } from './studio-types';
import { writeBatch } from './write-batch';

/** Refreshes the catalog index for the API after a write; a failed refresh is logged, the policy change stands. */
export async function refreshIndexAfterWrite(db: Kysely<Database>, apiId: string): Promise<void> {
  const report = await syncOneApi(db, apiId).catch((error: unknown) => ({ status: 'failed', error: String(error) }));
  if (report.status === 'failed') console.error(`[policy-studio] refreshing the index of ${apiId} failed`, report);
}

/**
 * Writes the previewed plan. Each write carries the ETag the preview was built from, so an edit made in APIM since the
 * preview is reported (412), never overwritten. The scopes' previous versions are saved first, as one batch.
 */
export async function applyRoleMap(db: Kysely<Database>, actor: StudioActor, input: ApplyInput): Promise<ApplyOutcome> {
  assertAdmin(actor);
  const { plan } = await preparePlan(db, input.apiId, input.map);
  if (plan.changes.length === 0) return { batchId: null, written: [] };
  // A scope the preview did not see, or one created since (no ETag to guard a write with), must be previewed again.
  const stale = plan.changes.find(
    (change) => !(change.scope in input.etags) || (input.etags[change.scope] === null && change.before !== null),
  );
  if (stale) {
    return {
      batchId: null,
      written: [],
      failed: { scope: stale.scope, message: `The ${stale.scope} policy has changed since the preview; preview it again.`, conflict: true },
    };
  }
  const outcome = await writeBatch(db, actor, {
    apiId: input.apiId,
    // In the plan's order: operation scopes first, the API scope last.
    writes: plan.changes.map((change) => ({
      scope: change.scope,
      before: change.before,
      after: change.after,
      ifMatch: input.etags[change.scope] ?? undefined,
    })),
    audit: {
      action: 'policy.applied',
      data: {
        roles: Object.fromEntries(
          plan.changes.filter((c) => c.operationId).map((c) => [c.operationId as string, input.map[c.operationId as string] ?? []]),
        ),
      },
    },
  });
  if (outcome.written.length > 0) await refreshIndexAfterWrite(db, input.apiId);
  return outcome;
}
