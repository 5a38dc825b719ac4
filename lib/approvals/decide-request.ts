import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { PortalUser } from '@/lib/auth/session';
import { nowIso } from '@/lib/db/clock';
import { isUniqueViolation } from '@/lib/db/errors';
import { withTransaction } from '@/lib/db/transaction';
import type { Database, RequestStatus } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { enqueueWebhook } from '@/lib/notifications/enqueue-webhook';
import { requestEventFields } from '@/lib/notifications/webhook-event';
import { enqueueProvisioningJob, wakeProvisioningWorkers } from '@/lib/provisioning/provisioning-jobs';
import { earlierStageRefusal, stagesRequired, workloadRefusal } from '@/lib/requests/approver-policy';
import { auditActor, loadRequestFor } from '@/lib/requests/request-access';
import { decisionSchema, type DecisionInput } from '@/lib/requests/request-schema';
import { transition } from '@/lib/requests/request-state-machine';
import { durationInForce, ruleInForce } from './rule-snapshot';
import { extendGrant } from './extend-grant';

export interface DecisionResult {
  status: RequestStatus;
  stage: number;
  version: number;
  /** 'stage-approved' = the first of two stages; the request waits for a second approver. */
  outcome: 'approved' | 'rejected' | 'stage-approved';
}

async function alreadyDecided(db: Kysely<Database>, requestId: string): Promise<UserFacingError> {
  const last = await db
    .selectFrom('access_decision')
    .select(['approver_name', 'verdict'])
    .where('request_id', '=', requestId)
    .orderBy('stage', 'desc')
    .executeTakeFirst();
  if (last)
    return new UserFacingError(
      `This request was already decided by ${last.approver_name} (${last.verdict === 'approve' ? 'approved' : 'rejected'}). Reload to see its current state.`,
      'conflict',
      409,
    );
  return new UserFacingError('This request changed while you were looking at it. Reload to see its current state.', 'conflict', 409);
}

/**
 * One approver's decision on the stage a request is waiting for. Exactly one decision per stage wins (version check
 * plus UNIQUE(request_id, stage)); approving the last stage writes the decision, the status, the audit event and the
 * provisioning job in one transaction.
 */
export async function decideRequest(
  db: Kysely<Database>,
  user: PortalUser,
  requestId: string,
  input: DecisionInput,
): Promise<DecisionResult> {
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? 'The decision is not valid.');
  const { verdict, note, expectedVersion } = parsed.data;
  // Anyone but the requester and the API's approvers is told the request does not exist; the requester is told why not.
  const { request, actor } = await loadRequestFor(db, user, requestId);
  // Stages and maximum: the stricter of the rule when the request was submitted and the rule now.
  const rule = await ruleInForce(db, request);
  const stage = Number(request.stage);
  const finalStage = stage >= stagesRequired(request, rule.stages);
  const extendsGrant = request.renews_request_id !== null;
  const next = transition(
    request.status,
    verdict === 'approve' ? { type: 'approve', finalStage, extendsGrant } : { type: 'reject' },
    actor,
  );
  if (!next.ok) {
    if (request.status !== 'pending' && !actor.isRequester) throw await alreadyDecided(db, requestId);
    throw new UserFacingError(next.reason, 'forbidden', 403);
  }
  if (Number(request.version) !== expectedVersion) throw await alreadyDecided(db, requestId);

  try {
    const result = await withTransaction(db, async (trx): Promise<DecisionResult> => {
      const earlier = await trx.selectFrom('access_decision').select(['approver_oid']).where('request_id', '=', requestId).execute();
      const refusal = earlierStageRefusal(
        user,
        earlier.map((d) => d.approver_oid),
      );
      if (refusal) throw refusal;
      const clientOwners = await trx
        .selectFrom('access_request_client_owner')
        .select('owner_oid')
        .where('request_id', '=', requestId)
        .execute();
      const workload = workloadRefusal(
        user,
        request,
        clientOwners.map((o) => o.owner_oid),
      );
      if (workload) throw workload;
      const now = nowIso();
      await trx
        .insertInto('access_decision')
        .values({
          id: randomUUID(),
          request_id: requestId,
          stage,
          approver_oid: user.oid,
          approver_name: user.name,
          verdict,
          note: note || null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const requestedDays = request.duration_days === null ? null : Number(request.duration_days);
      const granted = next.to === 'approved' || next.to === 'renewed';
      const durationDays = granted ? durationInForce(requestedDays, rule.maxDays) : requestedDays;
      const shortened = durationDays !== requestedDays;
      // A renewal extends its grant in place; if the grant ended meanwhile, the renewal is granted like a new request.
      const extension =
        next.to === 'renewed'
          ? await extendGrant(trx, { renews_request_id: request.renews_request_id, duration_days: durationDays }, now)
          : null;
      const status = next.to === 'renewed' && !extension ? 'approved' : next.to;
      const moved =
        status === 'pending'
          ? { stage: stage + 1 }
          : {
              decided_at: now,
              ...(status === 'rejected' ? { ended_at: now } : {}),
              ...(shortened ? { duration_days: durationDays } : {}),
              ...(extension ? { expires_at: extension.expiresAt } : {}),
            };
      const version = expectedVersion + 1;
      const updated = await trx
        .updateTable('access_request')
        .set({ status, version, updated_at: now, ...moved })
        .where('id', '=', requestId)
        .where('version', '=', expectedVersion)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw await alreadyDecided(trx, requestId);
      if (status === 'approved') await enqueueProvisioningJob(trx, requestId, 'assign');
      const outcome = status === 'pending' ? 'stage-approved' : status === 'rejected' ? 'rejected' : 'approved';
      await enqueueWebhook(trx, {
        type: 'request.decided',
        ...requestEventFields(request),
        status,
        actor: auditActor(user),
        detail: outcome,
      });
      await appendAuditEvent(trx, {
        actor: auditActor(user),
        action: extension
          ? 'request.renewed'
          : outcome === 'rejected'
            ? 'request.rejected'
            : outcome === 'approved'
              ? 'request.approved'
              : 'request.stage_approved',
        subject: { type: 'access_request', id: requestId },
        before: { status: request.status, stage, version: expectedVersion },
        after: { status, stage: moved.stage ?? stage, version },
        data: {
          stage,
          ...(note ? { note } : {}),
          ...(shortened ? { durationDays, requestedDays } : {}),
          ...(request.renews_request_id ? { renewsRequestId: request.renews_request_id } : {}),
          ...(extension ? { previousExpiresAt: extension.previousExpiresAt, expiresAt: extension.expiresAt } : {}),
        },
      });
      return { status, stage: moved.stage ?? stage, version, outcome };
    });
    if (result.status === 'approved') wakeProvisioningWorkers();
    return result;
  } catch (error) {
    // PostgreSQL reports the losing insert of a concurrent decision as a unique violation.
    if (isUniqueViolation(error)) throw await alreadyDecided(db, requestId);
    throw error;
  }
}
