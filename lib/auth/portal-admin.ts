import 'server-only';
import { getServicePrincipalByAppId } from '@/lib/azure/graph/applications';
import { listGroupAssignments, listUserAssignments, listUserGroups } from '@/lib/azure/graph/user-access';
import { getConfig } from '@/lib/env';
import { cachedLiveCheck } from './live-check-cache';

export const ADMIN_ROLE = 'Portal.Admin';

/** Portal.Admin on Roleport's own service principal: its object id and the role's id. */
async function adminRoleTarget(): Promise<{ resourceId: string; roleId: string } | null> {
  const sp = await getServicePrincipalByAppId(getConfig().clientId);
  const role = sp?.appRoles.find((r) => r.value === ADMIN_ROLE && r.isEnabled);
  return sp && role ? { resourceId: sp.id, roleId: role.id } : null;
}

async function readHoldsPortalAdmin(userOid: string): Promise<boolean> {
  const target = await adminRoleTarget();
  if (!target) return false;
  const matches = (a: { resourceId: string; appRoleId: string }) => a.resourceId === target.resourceId && a.appRoleId === target.roleId;
  if ((await listUserAssignments(userOid)).some(matches)) return true;
  // Entra puts a role assigned to a group into the tokens of the group's direct members, so those count too.
  const groups = await listUserGroups(userOid);
  const held = await Promise.all(groups.map(async (g) => (await listGroupAssignments(g.id)).some(matches)));
  return held.some(Boolean);
}

/**
 * Whether the user holds Portal.Admin on Roleport's app registration now, per Graph (cached for at most a minute).
 * The role in the session's ID token only says the user held it at sign-in or at the last token renewal.
 */
export function holdsPortalAdmin(userOid: string): Promise<boolean> {
  return cachedLiveCheck(`admin:${userOid}`, () => readHoldsPortalAdmin(userOid));
}
