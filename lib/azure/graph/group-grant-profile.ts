import 'server-only';
import { graphClient } from './client';
import { readAllPages } from './paged';
import { reshapeAssignment } from './reshape';
import type { RoleAssignment } from './types';

export interface GroupMembership {
  id: string;
  displayName: string;
  kind: 'group' | 'directoryRole' | 'administrativeUnit' | 'other';
}

/** Everything a group gives its members besides membership itself, as far as Graph tells. */
export interface GroupGrantProfile {
  id: string;
  displayName: string;
  /** Role-assignable groups can hold Microsoft Entra roles (Graph: null when never set, which means false). */
  isAssignableToRole: boolean;
  appRoleAssignments: RoleAssignment[];
  /** Groups, directory roles and administrative units the group is a direct member of. */
  memberOf: GroupMembership[];
}

function membershipKind(odataType: unknown): GroupMembership['kind'] {
  const type = typeof odataType === 'string' ? odataType : '';
  if (type.endsWith('.group')) return 'group';
  if (type.endsWith('.directoryRole')) return 'directoryRole';
  if (type.endsWith('.administrativeUnit')) return 'administrativeUnit';
  return 'other';
}

/** Reads the group, its app role assignments and its memberships (three Graph calls, every page). */
export async function readGroupGrantProfile(groupId: string): Promise<GroupGrantProfile> {
  const path = `/groups/${encodeURIComponent(groupId)}`;
  const [group, assignments, memberOf] = await Promise.all([
    graphClient().api(`${path}?$select=id,displayName,isAssignableToRole`).get() as Promise<Record<string, unknown>>,
    readAllPages(`${path}/appRoleAssignments`),
    // No $select: each entry must keep its @odata.type, which tells a directory role from a group.
    readAllPages(`${path}/memberOf`),
  ]);
  return {
    id: String(group.id ?? groupId),
    displayName: String(group.displayName ?? groupId),
    isAssignableToRole: group.isAssignableToRole === true,
    appRoleAssignments: assignments.map(reshapeAssignment),
    memberOf: memberOf.map((m) => ({
      id: String(m.id ?? ''),
      displayName: String(m.displayName ?? m.id ?? ''),
      kind: membershipKind(m['@odata.type']),
    })),
  };
}
