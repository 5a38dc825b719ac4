import 'server-only';
import type { Kysely } from 'kysely';
import { queryAuditEvents } from '@/lib/audit/query-audit-events';
import type { AuditEvent } from '@/lib/audit/audit-event';
import type { PortalUser } from '@/lib/auth/session';
import type { Database, RequestStatus, Verdict } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { mayDecide, requestActor } from './approver-policy';
import { transition } from './request-state-machine';
import { toRequestView, type AccessRequestView } from './request-view';

export interface RequestDecisionView {
  stage: number;
  approver: { oid: string; name: string };
  verdict: Verdict;
  note: string | null;
  at: string;
}

export interface AccessRequestDetail extends AccessRequestView {
  decisions: RequestDecisionView[];
  /** Audit events about this request, oldest first. */
  timeline: AuditEvent[];
  /** The other parts of one request that asked for a role and a subscription together. */
  parts: { id: string; kind: AccessRequestView['kind']; roleValue: string; status: RequestStatus }[];
  /** What the viewing user may do now (the actions check again). */
  can: { decide: boolean; cancel: boolean; revoke: boolean; retry: boolean };
}

export async function listMyRequests(
  db: Kysely<Database>,
  user: PortalUser,
  filter: { status?: RequestStatus[] } = {},
): Promise<AccessRequestView[]> {
  let query = db.selectFrom('access_request').selectAll().where('requester_oid', '=', user.oid);
  if (filter.status?.length) query = query.where('status', 'in', filter.status);
  return (await query.orderBy('created_at', 'desc').limit(500).execute()).map(toRequestView);
}

/** The request with its decisions and timeline, for its requester or an approver of its API; otherwise null. */
export async function getRequestForUser(db: Kysely<Database>, user: PortalUser, requestId: string): Promise<AccessRequestDetail | null> {
  const row = await db.selectFrom('access_request').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!row) return null;
  const { actor } = await requestActor(db, user, row);
  if (!actor.isRequester && !actor.isApprover && !actor.isAdmin) return null;

  const decisions = await db.selectFrom('access_decision').selectAll().where('request_id', '=', requestId).orderBy('stage').execute();
  const clientOwners = await db.selectFrom('access_request_client_owner').select('owner_oid').where('request_id', '=', requestId).execute();
  const { events } = await queryAuditEvents(db, { subjectType: 'access_request', subjectId: requestId }, { limit: 200 });
  const revoking = await db
    .selectFrom('provisioning_job')
    .select('id')
    .where('request_id', '=', requestId)
    .where('action', '=', 'revoke')
    .executeTakeFirst();
  const allowed = (event: Parameters<typeof transition>[1]) => transition(row.status, event, actor).ok;
  const parts = row.bundle_id
    ? await db
        .selectFrom('access_request')
        .select(['id', 'kind', 'role_value', 'status'])
        .where('bundle_id', '=', row.bundle_id)
        .where('id', '!=', row.id)
        .where('requester_oid', '=', row.requester_oid)
        .execute()
    : [];
  return {
    ...toRequestView(row),
    decisions: decisions.map((d) => ({
      stage: Number(d.stage),
      approver: { oid: d.approver_oid, name: d.approver_name },
      verdict: d.verdict,
      note: d.note,
      at: d.created_at,
    })),
    timeline: events.reverse(),
    parts: parts.map((p) => ({ id: p.id, kind: p.kind, roleValue: p.role_value, status: p.status })),
    can: {
      decide: mayDecide(
        user,
        row,
        actor,
        decisions.map((d) => d.approver_oid),
        clientOwners.map((o) => o.owner_oid),
      ),
      cancel: allowed({ type: 'cancel' }),
      revoke: allowed({ type: 'revoke' }) && !revoking,
      retry: allowed({ type: 'retry' }),
    },
  };
}

export interface GrantFilter {
  apiId?: string;
  roleValue?: string;
  requesterOid?: string;
  /** Default: grants in force or on their way (approved, provisioning, active, failed). */
  status?: RequestStatus[];
}

/** Who has what through Roleport, for admins. */
export async function listGrants(db: Kysely<Database>, user: PortalUser, filter: GrantFilter = {}): Promise<AccessRequestView[]> {
  if (!user.isAdmin) throw new UserFacingError('Only a portal admin can list every grant.', 'forbidden', 403);
  const statuses = filter.status?.length ? filter.status : (['approved', 'provisioning', 'active', 'failed'] as RequestStatus[]);
  let query = db.selectFrom('access_request').selectAll().where('status', 'in', statuses);
  if (filter.apiId) query = query.where('api_id', '=', filter.apiId);
  if (filter.roleValue) query = query.where('role_value', '=', filter.roleValue);
  if (filter.requesterOid) query = query.where('requester_oid', '=', filter.requesterOid);
  return (await query.orderBy('api_id').orderBy('role_value').orderBy('requester_name').limit(2000).execute()).map(toRequestView);
}
