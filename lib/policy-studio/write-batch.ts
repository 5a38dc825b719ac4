import 'server-only';
import type { Kysely } from 'kysely';
import { deletePolicy, PolicyConflictError, writePolicy, type ApiPolicyTarget } from '@/lib/azure/apim/write-policies';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { JsonValue } from '@/lib/audit/canonical-json';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import type { ScopePolicy } from './build-plan';
import { BATCH_SUBJECT, forgetUnwritten, saveVersions } from './policy-batches';
import type { StudioActor } from './read-current';
import { operationIdOf, type ApplyOutcome, type StudioScope } from './studio-types';

export interface ScopeWrite {
  scope: StudioScope;
  /** What the scope holds now, saved for rollback before anything is written. */
  before: ScopePolicy | null;
  /** The document to write; null deletes the policy. */
  after: string | null;
  /** The ETag the change was prepared against; undefined only for a scope that had no policy. */
  ifMatch: string | undefined;
}

function targetOf(apiId: string, scope: StudioScope): ApiPolicyTarget {
  const operationId = operationIdOf(scope);
  return operationId ? { kind: 'operation', apiId, operationId } : { kind: 'api', apiId };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Saves the current versions under one batch id, then writes the scopes in the order given (APIM has no multi-scope
 * transaction, so callers put operation scopes first and the API scope last). Stops at the first failure and reports
 * exactly which scopes were written; those stay in the batch and can be rolled back.
 */
export async function writeBatch(
  db: Kysely<Database>,
  actor: StudioActor,
  input: { apiId: string; writes: ScopeWrite[]; audit: { action: string; subjectId?: string; data: { [key: string]: JsonValue } } },
): Promise<ApplyOutcome> {
  const batchId = crypto.randomUUID();
  const { apiId, writes } = input;
  await withTransaction(db, (trx) =>
    saveVersions(trx, { apiId, batchId, appliedBy: actor.name, versions: writes.map((w) => ({ scope: w.scope, before: w.before })) }),
  );
  const written: StudioScope[] = [];
  let failed: ApplyOutcome['failed'];
  for (const write of writes) {
    try {
      const target = targetOf(apiId, write.scope);
      if (write.after !== null) await writePolicy(target, write.after, write.ifMatch);
      else if (write.ifMatch) await deletePolicy(target, write.ifMatch);
      written.push(write.scope);
    } catch (error) {
      if (!(error instanceof PolicyConflictError)) console.error(`[policy-studio] writing ${write.scope} of ${apiId} failed`, error);
      failed = { scope: write.scope, message: message(error), conflict: error instanceof PolicyConflictError };
      break;
    }
  }
  await withTransaction(db, async (trx) => {
    await forgetUnwritten(trx, batchId, written);
    if (written.length === 0) return;
    await appendAuditEvent(trx, {
      actor: { oid: actor.oid, name: actor.name },
      action: input.audit.action,
      subject: { type: BATCH_SUBJECT, id: input.audit.subjectId ?? batchId },
      data: {
        ...input.audit.data,
        apiId,
        batchId,
        written,
        ...(failed ? { failed: { scope: failed.scope, message: failed.message } } : {}),
      },
    });
  });
  return { batchId: written.length > 0 ? batchId : null, written, ...(failed ? { failed } : {}) };
}
