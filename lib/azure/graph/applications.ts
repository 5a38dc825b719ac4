import 'server-only';
import { odataString, readAllPages, readFirstItems } from './paged';
import { reshapeApplication, reshapeAssignment, reshapePrincipal, reshapeServicePrincipal } from './reshape';
import type { DirectoryPrincipal, EntraApplication, EntraServicePrincipal, RoleAssignment } from './types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const APP_SELECT = '$select=id,appId,displayName,identifierUris,api,appRoles,web';

/** The app registration a token audience names: its client id, or one of its identifier URIs. */
export async function findApplicationByAudience(audience: string): Promise<EntraApplication | null> {
  const filter = GUID.test(audience) ? `appId eq ${odataString(audience)}` : `identifierUris/any(x:x eq ${odataString(audience)})`;
  const found = await readFirstItems(`/applications?$filter=${encodeURIComponent(filter)}&${APP_SELECT}`, 1);
  return found[0] ? reshapeApplication(found[0]) : null;
}

export async function getServicePrincipalByAppId(appId: string): Promise<EntraServicePrincipal | null> {
  const filter = `appId eq ${odataString(appId)}`;
  const found = await readFirstItems(`/servicePrincipals?$filter=${encodeURIComponent(filter)}&$select=id,appId,displayName,appRoles`, 1);
  return found[0] ? reshapeServicePrincipal(found[0]) : null;
}

export async function listApplicationOwners(applicationObjectId: string): Promise<DirectoryPrincipal[]> {
  const owners = await readAllPages(
    `/applications/${encodeURIComponent(applicationObjectId)}/owners?$select=id,displayName,userPrincipalName`,
  );
  return owners.map(reshapePrincipal);
}

/** Everyone holding one of the resource's app roles (users, groups, service principals). */
export async function listAssignedTo(servicePrincipalId: string): Promise<RoleAssignment[]> {
  return (await readAllPages(`/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignedTo`)).map(reshapeAssignment);
}
