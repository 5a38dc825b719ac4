import 'server-only';
import { addGroupMember, removeGroupMember } from '@/lib/azure/graph/group-members';
import {
  createUserAssignment,
  deleteAssignment,
  isDuplicateAssignment,
  listOwnAssignmentsOnResource,
} from '@/lib/azure/graph/role-assignments';
import { listClientAssignments } from '@/lib/azure/graph/client-principals';
import type { AccessRequestRow } from '@/lib/db/types';

export type GraphGrantTarget = Pick<
  AccessRequestRow,
  'requester_oid' | 'resource_sp_id' | 'role_id' | 'grant_kind' | 'group_id' | 'assignment_id'
> &
  Partial<Pick<AccessRequestRow, 'principal_type' | 'principal_id'>>;

/** The object the role is assigned to: the requester, or the client service principal of a workload request. */
export function grantPrincipalId(request: GraphGrantTarget): string {
  if (request.principal_type !== 'service-principal') return request.requester_oid;
  if (!request.principal_id) throw new Error('service principal grant without a principal id');
  return request.principal_id;
}

/** The principal's own assignments on the resource (a service principal's are its own: it is in no group's list). */
async function ownAssignmentsOnResource(request: GraphGrantTarget) {
  if (request.principal_type !== 'service-principal') return listOwnAssignmentsOnResource(request.requester_oid, request.resource_sp_id);
  const all = await listClientAssignments(grantPrincipalId(request));
  return all.filter((a) => a.resourceId.toLowerCase() === request.resource_sp_id.toLowerCase());
}

/**
 * The requester's own assignment of the role, if any. Graph lists the assignments of the user's groups beside their own;
 * adopting one of those would make a later revoke delete the group's assignment, and every member's access with it.
 */
async function findOwn(request: GraphGrantTarget): Promise<{ ids: Set<string>; ofRole: string | null }> {
  const own = await ownAssignmentsOnResource(request);
  const ofRole = own.find((a) => a.appRoleId.toLowerCase() === request.role_id.toLowerCase())?.id ?? null;
  return { ids: new Set(own.map((a) => a.id)), ofRole };
}

async function findExisting(request: GraphGrantTarget): Promise<string | null> {
  return (await findOwn(request)).ofRole;
}

/**
 * Makes the grant true in Entra and returns the assignment id (null for a group grant). Idempotent: an assignment
 * that already exists — made by an earlier attempt that crashed before its commit, or by hand — is adopted.
 */
export async function grantInEntra(request: GraphGrantTarget): Promise<{ assignmentId: string | null; adopted: boolean }> {
  if (request.grant_kind === 'group') {
    if (!request.group_id) throw new Error('group grant without a group id');
    const added = await addGroupMember(request.group_id, request.requester_oid);
    return { assignmentId: null, adopted: !added };
  }
  const before = await findExisting(request);
  if (before) return { assignmentId: before, adopted: true };
  try {
    const created = await createUserAssignment({
      resourceSpId: request.resource_sp_id,
      principalId: grantPrincipalId(request),
      appRoleId: request.role_id,
    });
    return { assignmentId: created.id, adopted: false };
  } catch (error) {
    // Created meanwhile (a concurrent worker, or a lost response to our own POST): adopt it.
    if (!isDuplicateAssignment(error)) throw error;
    const after = await findExisting(request);
    if (!after) throw error;
    return { assignmentId: after, adopted: true };
  }
}

/** Removes the grant from Entra; already gone counts as done. */
export async function removeFromEntra(request: GraphGrantTarget): Promise<{ removed: boolean }> {
  if (request.grant_kind === 'group') {
    if (!request.group_id) throw new Error('group grant without a group id');
    return { removed: await removeGroupMember(request.group_id, request.requester_oid) };
  }
  // Only ever the requester's own assignment: a recorded id that is not theirs (adopted from a group before Roleport
  // told them apart) is left alone, and so is every assignment a group holds.
  const own = await findOwn(request);
  const assignmentId = request.assignment_id ? (own.ids.has(request.assignment_id) ? request.assignment_id : null) : own.ofRole;
  if (!assignmentId) return { removed: false };
  return { removed: await deleteAssignment(request.resource_sp_id, assignmentId) };
}
