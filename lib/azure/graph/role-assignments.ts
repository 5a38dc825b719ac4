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

/** The user's direct assignments on one resource service principal. */
export async function listUserAssignmentsOnResource(userId: string, resourceSpId: string): Promise<RoleAssignment[]> {
  // resourceId is a GUID property, so the literal is unquoted (Graph refuses a quoted GUID here); odataString guards anything else.
  const literal = /^[0-9a-f-]{36}$/i.test(resourceSpId) ? resourceSpId : odataString(resourceSpId);
  const filter = encodeURIComponent(`resourceId eq ${literal}`);
  const path = `/users/${encodeURIComponent(userId)}/appRoleAssignments?$filter=${filter}`;
  return (await withPermission('graph.assignRoles', () => readAllPages(path))).map(reshapeAssignment);
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
