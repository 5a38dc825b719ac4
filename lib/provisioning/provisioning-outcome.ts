import 'server-only';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { isoAfter, nowIso } from '@/lib/db/clock';
import { withTransaction, type DbTransaction } from '@/lib/db/transaction';
import type { AccessRequestRow, Database, ProvisioningJobRow } from '@/lib/db/types';
import { enqueueWebhook } from '@/lib/notifications/enqueue-webhook';
import { requestEventFields } from '@/lib/notifications/webhook-event';
import { systemActor } from '@/lib/requests/request-access';
import { SYSTEM_ACTOR, transition, type RequestEvent } from '@/lib/requests/request-state-machine';

/** Thrown inside an outcome transaction to roll it back when the row moved on under us. */
class Superseded extends Error {}

/** Deletes the job if this worker still holds it; false = another worker took it over (its result will be the same). */
async function takeJob(trx: DbTransaction, job: ProvisioningJobRow, workerId: string): Promise<boolean> {
  const deleted = await trx.deleteFrom('provisioning_job').where('id', '=', job.id).where('locked_by', '=', workerId).executeTakeFirst();
  return Number(deleted.numDeletedRows) === 1;
}

/** Moves the request along `event` under an optimistic lock, with its audit event and webhook, in the caller's transaction. */
async function move(
  trx: DbTransaction,
  request: AccessRequestRow,
  event: RequestEvent,
  changes: Partial<AccessRequestRow>,
  audit: { action: string; data?: Record<string, string | number | boolean | null> },
  webhook?: 'request.activated' | 'request.failed' | 'request.ended',
): Promise<AccessRequestRow> {
  const next = transition(request.status, event, SYSTEM_ACTOR);
  if (!next.ok) throw new Superseded(next.reason);
  const now = nowIso();
  const version = Number(request.version) + 1;
  const updated = await trx
    .updateTable('access_request')
    .set({ ...changes, status: next.to, version, updated_at: now })
    .where('id', '=', request.id)
    .where('version', '=', Number(request.version))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Superseded('request changed');
  if (webhook) {
    await enqueueWebhook(trx, {
      type: webhook,
      ...requestEventFields(request),
      status: next.to,
      actor: systemActor,
      detail: changes.failure_reason ?? undefined,
      ...(request.kind === 'subscription' ? { kind: 'subscription' as const, productId: request.product_id ?? undefined } : {}),
    });
  }
  await appendAuditEvent(trx, {
    actor: systemActor,
    action: audit.action,
    subject: { type: 'access_request', id: request.id },
    before: { status: request.status, version: Number(request.version) },
    after: { status: next.to, version },
    data: audit.data ?? {},
  });
  return { ...request, ...changes, status: next.to, version, updated_at: now };
}

async function superseded<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Superseded) return null;
    throw error;
  }
}

/** approved → provisioning before the Graph call, so the page shows the work under way. */
export function markProvisioning(db: Kysely<Database>, request: AccessRequestRow): Promise<AccessRequestRow | null> {
  return superseded(
    withTransaction(db, (trx) => move(trx, request, { type: 'start-provisioning' }, {}, { action: 'request.provisioning_started' })),
  );
}

export function completeAssign(
  db: Kysely<Database>,
  job: ProvisioningJobRow,
  workerId: string,
  request: AccessRequestRow,
  result: { assignmentId: string | null; adopted: boolean },
): Promise<boolean | null> {
  return superseded(
    withTransaction(db, async (trx) => {
      if (!(await takeJob(trx, job, workerId))) return false;
      // One instant for both ends, so a grant of N days lasts exactly N days.
      const instant = new Date();
      const now = nowIso(instant);
      const days = request.duration_days === null ? null : Number(request.duration_days);
      await move(
        trx,
        request,
        { type: 'provisioned' },
        {
          assignment_id: result.assignmentId,
          // An adopted subscription may carry another id than the one planned: the request names the one that exists.
          ...(request.kind === 'subscription' ? { subscription_id: result.assignmentId } : {}),
          activated_at: now,
          expires_at: days === null ? null : isoAfter(days * 86_400_000, instant),
          failure_reason: null,
        },
        {
          action: 'request.activated',
          data:
            request.kind === 'subscription'
              ? { kind: 'subscription', subscriptionId: result.assignmentId, adopted: result.adopted, productId: request.product_id }
              : { assignmentId: result.assignmentId, adopted: result.adopted, grantKind: request.grant_kind, groupId: request.group_id },
        },
        'request.activated',
      );
      return true;
    }),
  );
}

export function completeRevoke(
  db: Kysely<Database>,
  job: ProvisioningJobRow,
  workerId: string,
  request: AccessRequestRow,
  result: { removed: boolean },
): Promise<boolean | null> {
  return superseded(
    withTransaction(db, async (trx) => {
      if (!(await takeJob(trx, job, workerId))) return false;
      const now = nowIso();
      const expired = request.expires_at !== null && request.expires_at <= now;
      await move(
        trx,
        request,
        { type: expired ? 'expire' : 'revoke' },
        { ended_at: now },
        {
          action: expired ? 'request.expired' : 'request.revoked',
          data: { assignmentId: request.assignment_id, alreadyGone: !result.removed },
        },
        'request.ended',
      );
      return true;
    }),
  );
}

/** Gives up on an assignment: the request becomes failed with the reason, for an admin to retry. */
export function failAssign(
  db: Kysely<Database>,
  job: ProvisioningJobRow,
  workerId: string,
  request: AccessRequestRow,
  reason: string,
): Promise<boolean | null> {
  return superseded(
    withTransaction(db, async (trx) => {
      if (!(await takeJob(trx, job, workerId))) return false;
      await move(
        trx,
        request,
        { type: 'provisioning-failed' },
        { failure_reason: reason },
        { action: 'request.provisioning_failed', data: { reason, attempts: Number(job.attempts) + 1 } },
        'request.failed',
      );
      return true;
    }),
  );
}

/** Drops a job whose request no longer needs it (cancelled meanwhile, already active, …). */
export async function dropJob(db: Kysely<Database>, job: ProvisioningJobRow, workerId: string): Promise<void> {
  await db.deleteFrom('provisioning_job').where('id', '=', job.id).where('locked_by', '=', workerId).execute();
}
