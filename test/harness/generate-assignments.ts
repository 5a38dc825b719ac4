// A large tenant for paging tests, written straight into the emulator's directory.
import { guidBytes } from '@/emulator/http/ids';
import type { Directory } from '@/emulator/directory/directory';

/** What generateAssignments added, so a test can take it away again. */
export interface GeneratedAssignments {
  userIds: string[];
  assignmentIds: string[];
  remove(): void;
}

function generatedGuid(prefix: string, n: number): string {
  return `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/**
 * A large tenant in milliseconds: `count` users, each directly assigned `appRoleId` on the resource service principal,
 * all created at `createdDateTime` (before anything a test makes later, so paged lists return them first). Writes the
 * directory directly: fresh principals cannot be duplicates, so Directory.assign's duplicate scan is not needed.
 */
export function generateAssignments(
  dir: Directory,
  options: { resourceId: string; appRoleId: string; count: number; createdDateTime?: string },
): GeneratedAssignments {
  const resource = dir.servicePrincipals.get(options.resourceId.toLowerCase());
  if (!resource) throw new Error(`no service principal ${options.resourceId}`);
  const createdDateTime = options.createdDateTime ?? '2020-01-01T00:00:00.000Z';
  const userIds: string[] = [];
  const assignmentIds: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const id = generatedGuid('9e9e9e9e-9e9e', i);
    const upn = `generated-${i}@${dir.tenantDomain}`;
    dir.users.set(id, {
      id,
      userPrincipalName: upn,
      displayName: `Generated User ${i}`,
      givenName: null,
      surname: null,
      mail: null,
      jobTitle: null,
      password: '',
    });
    // Graph's assignment ids embed the principal id (see Directory.assign); the tail keeps them unique.
    const assignmentId = Buffer.concat([guidBytes(id), guidBytes(generatedGuid('a5a5a5a5-a5a5', i))]).toString('base64url');
    dir.assignments.set(assignmentId, {
      id: assignmentId,
      appRoleId: options.appRoleId,
      principalId: id,
      principalType: 'User',
      principalDisplayName: `Generated User ${i}`,
      resourceId: resource.id,
      resourceDisplayName: resource.displayName,
      createdDateTime,
    });
    userIds.push(id);
    assignmentIds.push(assignmentId);
  }
  return {
    userIds,
    assignmentIds,
    remove() {
      for (const id of assignmentIds) dir.assignments.delete(id);
      for (const id of userIds) dir.users.delete(id);
    },
  };
}
