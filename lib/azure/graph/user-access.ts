import 'server-only';
import { readAllPages } from './paged';
import { reshapeAssignment, reshapePrincipal } from './reshape';
import type { DirectoryPrincipal, RoleAssignment } from './types';

/**
 * The user's app role assignments as Graph lists them: their own and those of the groups they are a direct member of
 * (principalType Group). Tell them apart by principalId (isOwnAssignment).
 */
export async function listUserAssignments(userId: string): Promise<RoleAssignment[]> {
  return (await readAllPages(`/users/${encodeURIComponent(userId)}/appRoleAssignments`)).map(reshapeAssignment);
}

/** Groups the user is a direct member of (roles assigned to a group reach its members' tokens). */
export async function listUserGroups(userId: string): Promise<DirectoryPrincipal[]> {
  const memberOf = await readAllPages(`/users/${encodeURIComponent(userId)}/memberOf?$select=id,displayName`);
  return memberOf.map(reshapePrincipal).filter((p) => p.kind === 'group');
}

export async function listGroupAssignments(groupId: string): Promise<RoleAssignment[]> {
  return (await readAllPages(`/groups/${encodeURIComponent(groupId)}/appRoleAssignments`)).map(reshapeAssignment);
}
