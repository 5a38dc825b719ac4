import 'server-only';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { PortalUser } from '@/lib/auth/session';
import { nowIso } from '@/lib/db/clock';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { enqueueProvisioningJob, hasJob, wakeProvisioningWorkers } from './provisioning-jobs';
import { auditActor, loadRequestFor } from '@/lib/requests/request-access';
import { transition } from '@/lib/requests/request-state-machine';

/** What every revocation tells the person doing it: Entra cannot recall tokens already issued. */
export const TOKENS_STAY_VALID =
  'Access tokens already issued keep the role until they expire (usually within an hour); new tokens will not carry it.';

/**
 * Queues removal of an active grant: an admin or an owner of the API revokes anyone's, a requester gives up their own.
 * The request becomes revoked once Graph has deleted the assignment.
 */
export async function revokeGrant(
  db: Kysely<Database>,
  user: PortalUser,
  requestId: string,
  input: { reason?: string; expectedVersion: number },
): Promise<{ message: string }> {
  const { request, actor } = await loadRequestFor(db, user, requestId);
  const next = transition(request.status, { type: 'revoke' }, actor);
  if (!next.ok) throw new UserFacingError(next.reason, 'conflict', 409);
  const reason = input.reason?.trim().slice(0, 1000) || null;
  if (!actor.isRequester && !reason) throw new UserFacingError('Say why you revoke this grant; the requester will read it.');

  await withTransaction(db, async (trx) => {
    if (await hasJob(trx, requestId, 'revoke'))
      throw new UserFacingError(`Revocation of ${request.role_value} is already under way. ${TOKENS_STAY_VALID}`, 'conflict', 409);
    // The version moves so a page opened before the revocation cannot act on the old state.
    const updated = await trx
      .updateTable('access_request')
      .set({ version: input.expectedVersion + 1, updated_at: nowIso() })
      .where('id', '=', requestId)
      .where('version', '=', input.expectedVersion)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new UserFacingError('This grant changed meanwhile. Reload to see its current state.', 'conflict', 409);
    await enqueueProvisioningJob(trx, requestId, 'revoke');
    await appendAuditEvent(trx, {
      actor: auditActor(user),
      action: actor.isRequester ? 'request.relinquished' : 'request.revocation_requested',
      subject: { type: 'access_request', id: requestId },
      data: { roleValue: request.role_value, ...(reason ? { reason } : {}) },
    });
  });
  wakeProvisioningWorkers();
  if (request.kind === 'subscription')
    return { message: `Your subscription to ${request.role_value} is being cancelled; its keys stop working once it is.` };
  return { message: `${request.role_value} is being removed. ${TOKENS_STAY_VALID}` };
}
