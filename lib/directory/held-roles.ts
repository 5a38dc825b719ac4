import 'server-only';
import { isOwnAssignment } from '@/lib/azure/graph/role-assignments';
import { listUserAssignments, listUserGroups } from '@/lib/azure/graph/user-access';
import { getIndexSnapshot } from '@/lib/catalog/index-snapshot';
import type { IndexedApp } from '@/lib/catalog/catalog-types';
import { db } from '@/lib/db/portal-database';
import { ExpiringMap } from '@/lib/server/state/expiring-map';
import { processSingleton } from '@/lib/server/state/process-singleton';

export interface HeldRole {
  appId: string;
  roleId: string;
  value: string;
  via: 'direct' | 'group';
  groupId?: string;
  groupName?: string;
  /** Graph's id of the user's own assignment (never set for a role held through a group). */
  assignmentId?: string;
  assignedAt?: string;
}

const TTL_MS = 30_000;
// Bounded so a day of sign-ins does not leave an entry behind for every person who viewed a page.
const MAX_ENTRIES = 5_000;
// Keyed by the user's object id: one user's roles are never served to another. One per process because the workers
// (which forget a user's entry after a grant) and the pages run from separate module copies in one process.
const cache = processSingleton('heldRolesByOid', () => new ExpiringMap<Promise<HeldRole[]>>(TTL_MS, MAX_ENTRIES));

function roleValue(app: IndexedApp, roleId: string): string | undefined {
  return app.appRoles.find((r) => r.id === roleId)?.value;
}

async function readHeldRoles(userOid: string): Promise<HeldRole[]> {
  const [assignments, groups, { apps }] = await Promise.all([
    listUserAssignments(userOid),
    listUserGroups(userOid),
    db().then(getIndexSnapshot),
  ]);
  const bySp = new Map(apps.filter((a) => a.servicePrincipalId).map((a) => [a.servicePrincipalId as string, a]));
  const held: HeldRole[] = [];
  const seen = new Set<string>();
  const add = (role: HeldRole) => {
    const key = `${role.appId}|${role.roleId}|${role.via}|${role.groupId ?? ''}`.toLowerCase();
    if (!seen.has(key)) held.push(role);
    seen.add(key);
  };
  for (const assignment of assignments) {
    const app = bySp.get(assignment.resourceId);
    const value = app && roleValue(app, assignment.appRoleId);
    if (!app || !value) continue;
    if (isOwnAssignment(assignment, userOid)) {
      add({
        appId: app.appId,
        roleId: assignment.appRoleId,
        value,
        via: 'direct',
        assignmentId: assignment.id,
        assignedAt: assignment.createdDateTime,
      });
    } else if (assignment.principalType === 'Group') {
      // Graph lists the assignments of the user's groups with their own; they belong to the group, never to the user.
      add({
        appId: app.appId,
        roleId: assignment.appRoleId,
        value,
        via: 'group',
        groupId: assignment.principalId,
        groupName: assignment.principalDisplayName,
      });
    }
  }
  const groupIds = new Set(groups.map((g) => g.id));
  for (const app of apps) {
    for (const holding of app.groupHoldings.filter((h) => groupIds.has(h.groupId))) {
      const value = roleValue(app, holding.roleId);
      if (value)
        add({
          appId: app.appId,
          roleId: holding.roleId,
          value,
          via: 'group',
          groupId: holding.groupId,
          groupName: holding.groupName,
        });
    }
  }
  return held;
}

/** The user's app roles on every indexed app, live from Graph with a short per-user cache. */
export function getHeldRoles(userOid: string): Promise<HeldRole[]> {
  const hit = cache.get(userOid);
  if (hit) return hit;
  const roles = readHeldRoles(userOid);
  cache.set(userOid, roles);
  roles.catch(() => cache.delete(userOid, roles));
  return roles;
}

/** After a grant or revocation the next page must show the change. */
export function forgetHeldRoles(userOid: string): void {
  cache.delete(userOid);
}

export function rolesOnApp(held: HeldRole[], appId: string | null): HeldRole[] {
  return appId ? held.filter((r) => r.appId === appId) : [];
}
