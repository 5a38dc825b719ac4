import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { PortalUser } from '@/lib/auth/session';
import { getIndexedApi, getIndexedApp } from '@/lib/catalog/read-index';
import { nowIso } from '@/lib/db/clock';
import { dialectOf } from '@/lib/db/dialect';
import { isUniqueViolation } from '@/lib/db/errors';
import { withTransaction } from '@/lib/db/transaction';
import type { Database, RequestStatus } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { enqueueWebhook } from '@/lib/notifications/enqueue-webhook';
import { getEffectiveRule } from './approval-rules';
import { getHeldRoles } from '@/lib/directory/held-roles';
import { enqueueProvisioningJob, wakeProvisioningWorkers } from '@/lib/provisioning/provisioning-jobs';
import { isApproverOf } from '@/lib/requests/approver-policy';
import { auditActor } from '@/lib/requests/request-access';
import { durationFits, requestSchema, type RequestInput } from '@/lib/requests/request-schema';
import { plural } from '@/lib/text/plural';
import { snapshotRule } from './rule-snapshot';
import { OPEN_STATUSES, transition } from '@/lib/requests/request-state-machine';

export interface SubmitResult {
  requestId: string;
  status: RequestStatus;
  /** False when this was a replay of a submission already recorded. */
  created: boolean;
}

async function replayOf(db: Kysely<Database>, user: PortalUser, id: string): Promise<SubmitResult> {
  const existing = await db.selectFrom('access_request').select(['id', 'status', 'requester_oid']).where('id', '=', id).executeTakeFirst();
  // Another user's id used as a submission id: refuse without saying whose it is.
  if (!existing || existing.requester_oid !== user.oid)
    throw new UserFacingError('This form was already submitted. Reload the page to start a new request.', 'conflict', 409);
  return { requestId: existing.id, status: existing.status, created: false };
}

/** Records a developer's request for an app role; an auto-approve rule queues the grant at once. */
export async function submitRequest(db: Kysely<Database>, user: PortalUser, input: RequestInput): Promise<SubmitResult> {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? 'The request is not valid.');
  const form = parsed.data;
  const id = form.submissionId?.toLowerCase() ?? randomUUID();
  if (form.submissionId) {
    const seen = await db.selectFrom('access_request').select('id').where('id', '=', id).executeTakeFirst();
    if (seen) return replayOf(db, user, id);
  }

  const api = await getIndexedApi(db, form.apiId);
  if (!api) throw new UserFacingError('There is no such API in the catalog.', 'not_found', 404);
  const app = api.appId ? await getIndexedApp(db, api.appId) : null;
  if (!app || !app.servicePrincipalId)
    throw new UserFacingError(
      `${api.displayName} is not linked to an app registration with a service principal, so its roles cannot be requested yet.`,
    );
  const role = app.appRoles.find((r) => r.id.toLowerCase() === form.roleId.toLowerCase());
  if (!role) throw new UserFacingError(`That role is not a role of ${api.displayName}.`);
  if (!role.isEnabled || !role.allowedMemberTypes.includes('User'))
    throw new UserFacingError(`${role.value} cannot be assigned to people.`);

  const rule = await getEffectiveRule(db, api.id, role.value);
  // Someone who could approve this request never has it approved by a rule alone: a second person decides.
  const withheld = rule.autoApprove && isApproverOf(user, app);
  const autoApprove = rule.autoApprove && !withheld;
  const durationDays = form.durationDays ?? rule.maxDays;
  if (!durationFits(durationDays, rule.maxDays)) {
    throw new UserFacingError(`Choose a duration of at most ${plural(rule.maxDays ?? 0, 'day')}.`);
  }
  const held = await getHeldRoles(user.oid);
  if (held.some((h) => h.appId === app.appId && h.roleId === role.id))
    throw new UserFacingError(`You already hold ${role.value} on ${api.displayName}.`, 'conflict', 409);

  const actor = { isRequester: true, isApprover: false, isAdmin: false, isSystem: false };
  const next = transition(null, { type: 'submit', autoApprove }, actor);
  if (!next.ok) throw new UserFacingError(next.reason);

  try {
    const status = await withTransaction(db, async (trx): Promise<RequestStatus | 'replay'> => {
      // Two tabs submitting at once: serialise per (user, role) so only one open request can exist.
      if (dialectOf(trx) === 'postgres')
        await sql`select pg_advisory_xact_lock(hashtext(${`request:${user.oid}:${app.appId}:${role.id}`}))`.execute(trx);
      // The same form posted twice at once: the first post committed while this one waited for the lock.
      if (form.submissionId && (await trx.selectFrom('access_request').select('id').where('id', '=', id).executeTakeFirst()))
        return 'replay';
      const open = await trx
        .selectFrom('access_request')
        .select(['status'])
        .where('requester_oid', '=', user.oid)
        .where('app_id', '=', app.appId)
        .where('role_id', '=', role.id)
        .where('status', 'in', OPEN_STATUSES)
        .executeTakeFirst();
      if (open)
        throw new UserFacingError(
          `You already have a${open.status === 'active' || open.status === 'approved' ? 'n' : ''} ${open.status} request for ${role.value}.`,
          'conflict',
          409,
        );

      const now = nowIso();
      await trx
        .insertInto('access_request')
        .values({
          id,
          requester_oid: user.oid,
          requester_upn: user.upn || null,
          requester_name: user.name,
          api_id: api.id,
          app_id: app.appId,
          resource_sp_id: app.servicePrincipalId as string,
          role_id: role.id,
          role_value: role.value,
          grant_kind: rule.groupId ? 'group' : 'direct',
          group_id: rule.groupId,
          justification: form.justification,
          duration_days: durationDays,
          status: next.to,
          stage: 1,
          version: 1,
          assignment_id: null,
          expires_at: null,
          failure_reason: null,
          decided_at: autoApprove ? now : null,
          activated_at: null,
          ended_at: null,
          rule_snapshot: snapshotRule(rule),
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (autoApprove) await enqueueProvisioningJob(trx, id, 'assign');
      const event = {
        requestId: id,
        status: next.to,
        apiId: api.id,
        roleValue: role.value,
        requester: { oid: user.oid, name: user.name },
        actor: auditActor(user),
      };
      await enqueueWebhook(trx, { ...event, type: 'request.submitted', detail: autoApprove ? 'auto-approved' : undefined });
      await appendAuditEvent(trx, {
        actor: auditActor(user),
        action: autoApprove ? 'request.auto_approved' : 'request.submitted',
        subject: { type: 'access_request', id },
        after: { status: next.to, version: 1 },
        data: {
          apiId: api.id,
          roleValue: role.value,
          roleId: role.id,
          durationDays,
          grantKind: rule.groupId ? 'group' : 'direct',
          rule: rule.source,
          ...(withheld ? { autoApprove: 'withheld: the requester can approve this request' } : {}),
        },
      });
      return next.to;
    });
    if (status === 'replay') return replayOf(db, user, id);
    if (autoApprove) wakeProvisioningWorkers();
    return { requestId: id, status, created: true };
  } catch (error) {
    // The same submission committed by a concurrent post: answer as its replay.
    if (form.submissionId && isUniqueViolation(error)) return replayOf(db, user, id);
    throw error;
  }
}
