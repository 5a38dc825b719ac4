import 'server-only';
import { withPermission } from '@/lib/azure/permission-denied';
import { graphClient } from './client';
import { odataString, readAllPages } from './paged';
import { reshapeAssignment } from './reshape';
import type { RoleAssignment } from './types';

// Graph's wording for a (principal, resource, role) triple that is already assigned (400 Request_BadRequest).
const DUPLICATE_ASSIGNMENT = /permission being assigned already exists/i;

export interface GraphFailure {
  statusCode?: number;
  code?: string | null;
  message?: string;
  headers?: { get?(name: string): string | null | undefined };
}

export function isDuplicateAssignment(error: unknown): boolean {
  const e = error as GraphFailure;
  return e?.statusCode === 400 && DUPLICATE_ASSIGNMENT.test(e.message ?? '');
}

export function isNotFound(error: unknown): boolean {
  return (error as GraphFailure)?.statusCode === 404;
}

/**
 * Every assignment `GET /users/{id}/appRoleAssignments` answers on one resource service principal. Graph includes the
 * assignments of groups the user is a direct member of (principalId = the group, principalType Group); see
 * isOwnAssignment.
 */
export async function listUserAssignmentsOnResource(userId: string, resourceSpId: string): Promise<RoleAssignment[]> {
  // resourceId is a GUID property, so the literal is unquoted (Graph refuses a quoted GUID here); odataString guards anything else.
  const literal = /^[0-9a-f-]{36}$/i.test(resourceSpId) ? resourceSpId : odataString(resourceSpId);
  const filter = encodeURIComponent(`resourceId eq ${literal}`);
  const path = `/users/${encodeURIComponent(userId)}/appRoleAssignments?$filter=${filter}`;
  return (await withPermission('graph.assignRoles', () => readAllPages(path))).map(reshapeAssignment);
}

/** Whether the assignment is the user's own, not one a group holds; the principal id tells them apart. */
export function isOwnAssignment(assignment: RoleAssignment, userId: string): boolean {
  return assignment.principalId.toLowerCase() === userId.toLowerCase();
}

/** The user's own assignments on one resource, without those held by their groups. */
export async function listOwnAssignmentsOnResource(userId: string, resourceSpId: string): Promise<RoleAssignment[]> {
  return (await listUserAssignmentsOnResource(userId, resourceSpId)).filter((a) => isOwnAssignment(a, userId));
}

/** Creates the assignment; throws Graph's error as is (callers handle duplicates by adopting). */
export async function createUserAssignment(input: {
  resourceSpId: string;
  principalId: string;
  appRoleId: string;
}): Promise<RoleAssignment> {
  const created = (await withPermission('graph.assignRoles', () =>
    graphClient()
      .api(`/servicePrincipals/${encodeURIComponent(input.resourceSpId)}/appRoleAssignedTo`)
      .post({ principalId: input.principalId, resourceId: input.resourceSpId, appRoleId: input.appRoleId }),
  )) as Record<string, unknown>;
  return reshapeAssignment(created);
}

/** Deletes an assignment; returns false when it was already gone. */
export async function deleteAssignment(resourceSpId: string, assignmentId: string): Promise<boolean> {
  try {
    await withPermission('graph.assignRoles', () =>
      graphClient()
        .api(`/servicePrincipals/${encodeURIComponent(resourceSpId)}/appRoleAssignedTo/${encodeURIComponent(assignmentId)}`)
        .delete(),
    );
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
