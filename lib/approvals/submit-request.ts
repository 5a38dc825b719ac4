import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
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
import { checkClientForRequester, clientHoldsRole, type EligibleClient } from '@/lib/directory/client-principals';
import { webhookPrincipal } from '@/lib/notifications/webhook-event';
import { enqueueProvisioningJob, wakeProvisioningWorkers } from '@/lib/provisioning/provisioning-jobs';
import { isApproverOf } from '@/lib/requests/approver-policy';
import { auditActor } from '@/lib/requests/request-access';
import { durationFits, requestSchema, type RequestInput } from '@/lib/requests/request-schema';
import { plural } from '@/lib/text/plural';
import { parseFormInput } from '@/lib/validation/field-issues';
import { snapshotRule } from './rule-snapshot';
import type { SubmitResult } from './submit-result';
import { precheckSubscription, submitSubscriptionRequest } from './submit-subscription-request';
import { OPEN_STATUSES, transition } from '@/lib/requests/request-state-machine';
import { newRequestColumns } from '@/lib/requests/new-request-columns';
import { checkRenewal } from './check-renewal';
import { extendGrant, type GrantExtension } from './extend-grant';

export type { SubmitResult } from './submit-result';

/** The subscription part's id, derived from the role part's so a replayed post names the same part. */
function partId(requestId: string): string {
  const hex = createHash('sha256').update(`${requestId}:subscription`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function replayOf(db: Kysely<Database>, user: PortalUser, id: string): Promise<SubmitResult> {
  const existing = await db.selectFrom('access_request').select(['id', 'status', 'requester_oid']).where('id', '=', id).executeTakeFirst();
  // Another user's id used as a submission id: refuse without saying whose it is.
  if (!existing || existing.requester_oid !== user.oid)
    throw new UserFacingError('This form was already submitted. Reload the page to start a new request.', 'conflict', 409);
  return { requestId: existing.id, status: existing.status, created: false };
}

/** The principal columns of a new request: the requester themself, or the client service principal they own. */
function principalColumns(client: EligibleClient | null) {
  if (!client)
    return { principal_type: 'user' as const, principal_id: null, client_app_id: null, client_display_name: null, client_sp_type: null };
  const { principal } = client;
  return {
    principal_type: 'service-principal' as const,
    principal_id: principal.id.toLowerCase(),
    client_app_id: principal.appId,
    client_display_name: principal.displayName,
    client_sp_type: principal.servicePrincipalType === 'ManagedIdentity' ? ('ManagedIdentity' as const) : ('Application' as const),
  };
}

/**
 * Records a developer's request for an app role, for themself or for an application they own (`clientSpId`: its
 * service principal, checked live in Graph); an auto-approve rule queues the grant at once.
 */
export async function submitRequest(db: Kysely<Database>, user: PortalUser, input: RequestInput): Promise<SubmitResult> {
  // Every invalid field comes back (the form marks each); the message stays the first issue.
  const form = parseFormInput(requestSchema, input);
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
  if (!role.isEnabled) throw new UserFacingError(`${role.value} is disabled on ${api.displayName}.`);
  const memberType = form.clientSpId ? 'Application' : 'User';
  if (!role.allowedMemberTypes.includes(memberType))
    throw new UserFacingError(`${role.value} cannot be assigned to ${form.clientSpId ? 'applications' : 'people'}.`);
  // A renewal asks again for the very grant it extends: the user's own, for this role, expiring now.
  const renewal = form.renews ? await checkRenewal(db, user, form.renews.toLowerCase()) : null;
  if (
    renewal &&
    (renewal.api_id !== api.id || renewal.role_id.toLowerCase() !== role.id.toLowerCase() || form.clientSpId || form.subscription)
  )
    throw new UserFacingError(
      `That grant is ${renewal.role_value} on ${renewal.api_id}; a renewal asks for that role again, for you alone.`,
    );
  const client = form.clientSpId ? await checkClientForRequester(form.clientSpId, user.oid) : null;
  const principal = principalColumns(client);

  const rule = await getEffectiveRule(db, api.id, role.value);
  // Someone who could approve this request never has it approved by a rule alone: a second person decides. A managed
  // identity's request always waits for a portal admin.
  const withheld = rule.autoApprove && (isApproverOf(user, app) || Boolean(client?.needsAdminStage));
  const autoApprove = rule.autoApprove && !withheld;
  const durationDays = form.durationDays ?? rule.maxDays;
  if (!durationFits(durationDays, rule.maxDays)) {
    throw new UserFacingError(`Choose a duration of at most ${plural(rule.maxDays ?? 0, 'day')}.`);
  }
  if (client) {
    if (await clientHoldsRole(client.principal.id, app.servicePrincipalId, role.id))
      throw new UserFacingError(`${client.principal.displayName} already holds ${role.value} on ${api.displayName}.`, 'conflict', 409);
  } else if (!renewal) {
    const held = await getHeldRoles(user.oid);
    if (held.some((h) => h.appId === app.appId && h.roleId === role.id))
      throw new UserFacingError(`You already hold ${role.value} on ${api.displayName}.`, 'conflict', 409);
  }
  const lockKey = principal.principal_id ?? user.oid;
  // A group's app roles reach its members' user tokens, not a service principal's client-credentials token: a workload
  // is always granted the role directly.
  // A renewal keeps how its grant was given (directly or through the group), since it extends that grant.
  const groupId = renewal ? renewal.group_id : client ? null : rule.groupId;

  // A role and a subscription asked for together: the subscription's checks run first, so neither part is written alone.
  if (form.subscription) await precheckSubscription(db, user, form.subscription.productId, form.subscription.acceptTerms);

  const actor = { isRequester: true, isApprover: false, isAdmin: false, isSystem: false };
  const next = transition(null, { type: 'submit', autoApprove, extendsGrant: Boolean(renewal) }, actor);
  if (!next.ok) throw new UserFacingError(next.reason);

  try {
    const status = await withTransaction(db, async (trx): Promise<RequestStatus | 'replay'> => {
      // Two tabs submitting at once: serialise per (user, role) so only one open request can exist.
      if (dialectOf(trx) === 'postgres')
        await sql`select pg_advisory_xact_lock(hashtext(${`request:${lockKey}:${app.appId}:${role.id}`}))`.execute(trx);
      // The same form posted twice at once: the first post committed while this one waited for the lock.
      if (form.submissionId && (await trx.selectFrom('access_request').select('id').where('id', '=', id).executeTakeFirst()))
        return 'replay';
      // One open request per principal and role: for a workload, whoever of its owners asked first.
      const openQuery = trx
        .selectFrom('access_request')
        .select(['status'])
        .where('app_id', '=', app.appId)
        .where('role_id', '=', role.id)
        .where('status', 'in', OPEN_STATUSES);
      const open = await (
        principal.principal_id
          ? openQuery.where('principal_id', '=', principal.principal_id)
          : openQuery.where('requester_oid', '=', user.oid).where('principal_type', '=', 'user')
      )
        .$if(renewal !== null, (q) => q.where('id', '!=', renewal?.id ?? ''))
        .executeTakeFirst();
      if (open)
        throw new UserFacingError(
          `${client ? `${client.principal.displayName} already has` : 'You already have'} a${open.status === 'active' || open.status === 'approved' ? 'n' : ''} ${open.status} request for ${role.value}.`,
          'conflict',
          409,
        );

      const now = nowIso();
      // Approved at once, a renewal extends its grant here; a grant that ended meanwhile is granted anew instead.
      const extension: GrantExtension | null =
        next.to === 'renewed' ? await extendGrant(trx, { renews_request_id: renewal?.id ?? null, duration_days: durationDays }, now) : null;
      const status: RequestStatus = next.to === 'renewed' && !extension ? 'approved' : next.to;
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
          grant_kind: groupId ? 'group' : 'direct',
          group_id: groupId,
          justification: form.justification,
          duration_days: durationDays,
          rule_snapshot: snapshotRule(rule),
          ...principal,
          bundle_id: form.subscription ? id : null,
          renews_request_id: renewal?.id ?? null,
          ...newRequestColumns(status, autoApprove, now),
          ...(extension ? { expires_at: extension.expiresAt } : {}),
        })
        .execute();
      if (client && client.ownerOids.length > 0)
        await trx
          .insertInto('access_request_client_owner')
          .values([...new Set(client.ownerOids)].map((owner_oid) => ({ request_id: id, owner_oid, created_at: now, updated_at: now })))
          .execute();
      if (status === 'approved') await enqueueProvisioningJob(trx, id, 'assign');
      const event = {
        requestId: id,
        status,
        apiId: api.id,
        roleValue: role.value,
        requester: { oid: user.oid, name: user.name },
        ...webhookPrincipal(principal),
        actor: auditActor(user),
      };
      await enqueueWebhook(trx, { ...event, type: 'request.submitted', detail: autoApprove ? 'auto-approved' : undefined });
      await appendAuditEvent(trx, {
        actor: auditActor(user),
        action: extension ? 'request.renewed' : autoApprove ? 'request.auto_approved' : 'request.submitted',
        subject: { type: 'access_request', id },
        after: { status, version: 1 },
        data: {
          ...(renewal ? { renewsRequestId: renewal.id } : {}),
          ...(extension ? { previousExpiresAt: extension.previousExpiresAt, expiresAt: extension.expiresAt } : {}),
          apiId: api.id,
          roleValue: role.value,
          roleId: role.id,
          durationDays,
          grantKind: groupId ? 'group' : 'direct',
          rule: rule.source,
          ...(client
            ? {
                principalType: 'service-principal',
                principalId: principal.principal_id,
                clientAppId: principal.client_app_id,
                clientDisplayName: principal.client_display_name,
                clientType: principal.client_sp_type,
              }
            : {}),
          ...(withheld && client?.needsAdminStage ? { autoApprove: 'withheld: a managed identity needs a portal admin' } : {}),
          ...(withheld && !client?.needsAdminStage ? { autoApprove: 'withheld: the requester can approve this request' } : {}),
        },
      });
      return status;
    });
    if (status === 'replay') return replayOf(db, user, id);
    if (status === 'approved') wakeProvisioningWorkers();
    if (form.subscription)
      await submitSubscriptionRequest(
        db,
        user,
        { ...form.subscription, justification: form.justification, submissionId: partId(id) },
        { bundleId: id },
      );
    return { requestId: id, status, created: true };
  } catch (error) {
    // The same submission committed by a concurrent post: answer as its replay.
    if (form.submissionId && isUniqueViolation(error)) return replayOf(db, user, id);
    throw error;
  }
}
