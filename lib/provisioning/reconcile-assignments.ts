import 'server-only';
import type { Kysely } from 'kysely';
import { listAssignedTo } from '@/lib/azure/graph/applications';
import { isGroupMember } from '@/lib/azure/graph/group-members';
import type { PortalUser } from '@/lib/auth/session';
import { getIndexedApi, getIndexedApp } from '@/lib/catalog/read-index';
import { grantPrincipalId } from './provisioning-graph';
import { markRemovedOutside } from './mark-removed-outside';
import type { AccessRequestRow, Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { forgetHeldRoles } from '@/lib/directory/held-roles';
import { systemActor, auditActor } from '@/lib/requests/request-access';

export interface ExternalAssignment {
  assignmentId: string;
  principalId: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal';
  principalDisplayName: string;
  roleId: string;
  /** Empty when the role no longer exists on the app. */
  roleValue: string;
  createdAt: string;
}

export interface ReconcileReport {
  apiId: string;
  /** Assignments on the API's service principal that Roleport did not make. */
  external: ExternalAssignment[];
  /** Roleport grants found removed in Entra, now marked revoked. */
  removedInEntra: { requestId: string; requesterName: string; roleValue: string }[];
}

/**
 * Compares Roleport's grants for an API with Entra: reports assignments Roleport did not make and marks Roleport's
 * active grants that no longer exist in Entra as revoked. `user` null = a scheduled run.
 */
export async function reconcileAssignments(db: Kysely<Database>, user: PortalUser | null, apiId: string): Promise<ReconcileReport> {
  if (user && !user.isAdmin) throw new UserFacingError('Only a portal admin can reconcile grants.', 'forbidden', 403);
  const api = await getIndexedApi(db, apiId);
  const app = api?.appId ? await getIndexedApp(db, api.appId) : null;
  if (!api || !app?.servicePrincipalId)
    throw new UserFacingError('This API is not linked to an app registration with a service principal.');

  const assignments = await listAssignedTo(app.servicePrincipalId);
  const requests = await db.selectFrom('access_request').selectAll().where('app_id', '=', app.appId).execute();
  const ours = new Set(requests.map((r) => r.assignment_id).filter((id): id is string => id !== null));
  const groupGrants = new Set(requests.filter((r) => r.grant_kind === 'group' && r.group_id).map((r) => r.group_id as string));
  const roleValue = (roleId: string) => app.appRoles.find((r) => r.id === roleId)?.value ?? '';
  const external = assignments
    // A role held by a group Roleport grants through is Roleport's arrangement, not drift.
    .filter((a) => !ours.has(a.id) && !(a.principalType === 'Group' && groupGrants.has(a.principalId)))
    .map((a) => ({
      assignmentId: a.id,
      principalId: a.principalId,
      principalType: a.principalType,
      principalDisplayName: a.principalDisplayName,
      roleId: a.appRoleId,
      roleValue: roleValue(a.appRoleId),
      createdAt: a.createdDateTime,
    }));

  // A user grant is present only as the requester's own assignment (a workload's, as its service principal's): a group's assignment never stands in for it.
  const principalOf = new Map(assignments.map((a) => [a.id, a.principalId.toLowerCase()]));
  const present = (request: AccessRequestRow) =>
    request.assignment_id !== null && principalOf.get(request.assignment_id) === grantPrincipalId(request).toLowerCase();
  const actorName = user ? auditActor(user) : systemActor;
  const removedInEntra: ReconcileReport['removedInEntra'] = [];
  // Every read finishes before anything is recorded: a read that fails part-way leaves every grant as it was.
  const gone: AccessRequestRow[] = [];
  for (const request of requests.filter((r) => r.status === 'active')) {
    const missing =
      request.grant_kind === 'group'
        ? request.group_id !== null && !(await isGroupMember(request.group_id, request.requester_oid))
        : request.assignment_id !== null && !present(request);
    if (missing) gone.push(request);
  }
  for (const request of gone) {
    const found = {
      reason: 'Removed in Entra outside Roleport.',
      action: 'request.removed_in_entra' as const,
      data: { assignmentId: request.assignment_id, grantKind: request.grant_kind, groupId: request.group_id },
    };
    if (await markRemovedOutside(db, request, actorName, found)) {
      forgetHeldRoles(request.requester_oid);
      removedInEntra.push({ requestId: request.id, requesterName: request.requester_name, roleValue: request.role_value });
    }
  }
  return { apiId, external, removedInEntra };
}
