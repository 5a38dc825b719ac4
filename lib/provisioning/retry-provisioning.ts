import 'server-only';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { PortalUser } from '@/lib/auth/session';
import { nowIso } from '@/lib/db/clock';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { enqueueProvisioningJob, wakeProvisioningWorkers } from './provisioning-jobs';
import { auditActor, loadRequestFor } from '@/lib/requests/request-access';
import { transition } from '@/lib/requests/request-state-machine';

/** An admin sends a failed request back to provisioning (after fixing what the failure reason names). */
export async function retryProvisioning(db: Kysely<Database>, user: PortalUser, requestId: string, expectedVersion: number): Promise<void> {
  const { request, actor } = await loadRequestFor(db, user, requestId);
  const next = transition(request.status, { type: 'retry' }, actor);
  if (!next.ok) throw new UserFacingError(next.reason, 'conflict', 409);
  await withTransaction(db, async (trx) => {
    const now = nowIso();
    const updated = await trx
      .updateTable('access_request')
      .set({ status: next.to, version: expectedVersion + 1, failure_reason: null, updated_at: now })
      .where('id', '=', requestId)
      .where('version', '=', expectedVersion)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new UserFacingError('This request changed meanwhile. Reload to see its current state.', 'conflict', 409);
    await enqueueProvisioningJob(trx, requestId, 'assign');
    await appendAuditEvent(trx, {
      actor: auditActor(user),
      action: 'request.provisioning_retried',
      subject: { type: 'access_request', id: requestId },
      before: { status: request.status, version: expectedVersion, failureReason: request.failure_reason },
      after: { status: next.to, version: expectedVersion + 1 },
    });
  });
  wakeProvisioningWorkers();
}
