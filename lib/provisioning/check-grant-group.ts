import 'server-only';
import { readGroupGrantProfile, type GroupGrantProfile } from '@/lib/azure/graph/group-grant-profile';
import { UserFacingError } from '@/lib/errors/user-facing-error';

/** A group that would give its members more (or other) than the one role it is used to grant. Never worth retrying. */
export class UnsafeGrantGroupError extends UserFacingError {
  override name = 'UnsafeGrantGroupError';
  constructor(message: string) {
    super(message, 'unsafe_group', 409);
  }
}

export interface GroupGrant {
  groupId: string;
  resourceSpId: string;
  roleId: string;
  roleValue: string;
}

/** Pure: why the group cannot be used to grant exactly this one role, or an empty list. */
export function grantGroupProblems(profile: GroupGrantProfile, grant: GroupGrant): string[] {
  const problems: string[] = [];
  const isTheRole = (a: { resourceId: string; appRoleId: string }) =>
    a.resourceId.toLowerCase() === grant.resourceSpId.toLowerCase() && a.appRoleId.toLowerCase() === grant.roleId.toLowerCase();
  if (profile.isAssignableToRole) problems.push('it is role-assignable (it can hold Microsoft Entra roles)');
  if (!profile.appRoleAssignments.some(isTheRole)) problems.push(`it does not hold ${grant.roleValue}`);
  const others = profile.appRoleAssignments.filter((a) => !isTheRole(a));
  if (others.length > 0)
    problems.push(
      `it also holds ${others.length === 1 ? 'another app role' : `${others.length} other app roles`} (${others.map((a) => a.resourceDisplayName).join(', ')})`,
    );
  const roles = profile.memberOf.filter((m) => m.kind === 'directoryRole');
  if (roles.length > 0) problems.push(`it holds the directory role ${roles.map((r) => r.displayName).join(', ')}`);
  // Nested membership passes on other groups' access (Azure RBAC, SharePoint, …), so it counts as holding more.
  const groups = profile.memberOf.filter((m) => m.kind === 'group' || m.kind === 'other');
  if (groups.length > 0) problems.push(`it is a member of ${groups.map((g) => g.displayName).join(', ')}`);
  return problems;
}

/**
 * A group used for grants must hold exactly that one app role and nothing else: no other app role, no directory role,
 * no membership of other groups, not role-assignable. Checked live in Entra when a rule is saved and before every grant.
 */
export async function assertGroupGrantsOnlyRole(grant: GroupGrant): Promise<void> {
  const profile = await readGroupGrantProfile(grant.groupId);
  const problems = grantGroupProblems(profile, grant);
  if (problems.length === 0) return;
  throw new UnsafeGrantGroupError(
    `The group ${profile.displayName} cannot be used to grant ${grant.roleValue}: ${problems.join('; ')}. A group used for grants must hold exactly that one role and nothing else.`,
  );
}
