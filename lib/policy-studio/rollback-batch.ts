import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { refreshIndexAfterWrite } from './apply-role-map';
import { BATCH_SUBJECT, batchVersions } from './policy-batches';
import { assertAdmin, readCurrentPolicies, type StudioActor } from './read-current';
import { apiScope, operationIdOf, type ApplyOutcome } from './studio-types';
import type { ScopeWrite } from './write-batch';
import { writeBatch } from './write-batch';

/**
 * Writes back the versions a batch saved, each guarded by the ETag read just before, operation scopes first. What the
 * rollback replaces is saved as a new batch, so a rollback can itself be rolled back.
 */
export async function rollbackBatch(db: Kysely<Database>, actor: StudioActor, batchId: string): Promise<ApplyOutcome> {
  assertAdmin(actor);
  const versions = await batchVersions(db, batchId);
  const first = versions[0];
  if (!first) throw new UserFacingError('There is no saved policy batch with that id.', 'not_found', 404);
  const rollbacks = await db
    .selectFrom('audit_event')
    .select('data')
    .where('subject_type', '=', BATCH_SUBJECT)
    .where('subject_id', '=', batchId)
    .where('action', '=', 'policy.rolled_back')
    .execute();
  // A rollback that stopped midway may be run again; a complete one may not.
  if (rollbacks.some((r) => !(JSON.parse(r.data) as { failed?: unknown }).failed))
    throw new UserFacingError('This change has already been rolled back.');
  const apiId = first.api_id;
  const operationIds = versions.map((v) => operationIdOf(v.scope)).filter((id): id is string => id !== null);
  const current = await readCurrentPolicies(apiId, operationIds);
  const ordered = [...versions.filter((v) => v.scope !== apiScope()), ...versions.filter((v) => v.scope === apiScope())];
  const writes: ScopeWrite[] = [];
  for (const version of ordered) {
    const operationId = operationIdOf(version.scope);
    const now = operationId ? (current.operations[operationId] ?? null) : current.api;
    // An empty saved version means the scope had no policy: rolling back deletes the one written since.
    if (!version.xml && !now) continue;
    writes.push({ scope: version.scope, before: now, after: version.xml || null, ifMatch: now?.etag });
  }
  if (writes.length === 0) return { batchId: null, written: [] };
  const outcome = await writeBatch(db, actor, {
    apiId,
    writes,
    audit: { action: 'policy.rolled_back', subjectId: batchId, data: { rolledBackBatch: batchId } },
  });
  if (outcome.written.length > 0) await refreshIndexAfterWrite(db, apiId);
  return outcome;
}
