import 'server-only';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { PortalUser } from '@/lib/auth/session';
import { nowIso } from '@/lib/db/clock';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { auditActor, loadRequestFor } from './request-access';
import { transition } from './request-state-machine';

/** The requester withdraws a request that is still waiting for a decision. */
export async function cancelRequest(db: Kysely<Database>, user: PortalUser, requestId: string, expectedVersion: number): Promise<void> {
  const { request, actor } = await loadRequestFor(db, user, requestId);
  const next = transition(request.status, { type: 'cancel' }, actor);
  if (!next.ok) throw new UserFacingError(next.reason, 'conflict', 409);
  await withTransaction(db, async (trx) => {
    const now = nowIso();
    const updated = await trx
      .updateTable('access_request')
      .set({ status: next.to, version: expectedVersion + 1, ended_at: now, updated_at: now })
      .where('id', '=', requestId)
      .where('version', '=', expectedVersion)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new UserFacingError('This request was decided or changed meanwhile. Reload to see its current state.', 'conflict', 409);
    await appendAuditEvent(trx, {
      actor: auditActor(user),
      action: 'request.cancelled',
      subject: { type: 'access_request', id: requestId },
      before: { status: request.status, version: expectedVersion },
      after: { status: next.to, version: expectedVersion + 1 },
    });
  });
}
