import { HttpError } from '../http/http-error';
import { newGuid } from '../http/ids';
import { PERMISSIONS } from './graph-auth';
import { authorize, readObject, requireGuidField, sendEntity, type GraphCall } from './graph-call';
import { badRequest } from './graph-errors';
import { servicePrincipalJson } from './serialize';

/**
 * POST /servicePrincipals { appId } (api-reference/v1.0/api/serviceprincipal-post-serviceprincipals.md): the app's
 * instance in this tenant, carrying the app's roles and scopes. Application.ReadWrite.All, or
 * Application.ReadWrite.OwnedBy for an app the caller owns. One per app: a second is refused.
 */
export async function createServicePrincipal(call: GraphCall) {
  const claims = await authorize(call, [...PERMISSIONS.writeApplications, ...PERMISSIONS.writeOwnedApplications]);
  const body = await readObject(call);
  const unknown = Object.keys(body).find((k) => k !== 'appId');
  if (unknown) throw badRequest(`Property '${unknown}' is read-only or not supported by the emulator.`);
  const appId = requireGuidField(body, 'appId');
  const app = call.dir.applicationByAppId(appId);
  if (!app || app.firstParty)
    throw badRequest(`The appId '${appId}' of the service principal does not reference a valid application object.`, 'Request_BadRequest');
  const roles = Array.isArray(claims.roles) ? (claims.roles as string[]) : [];
  if (!PERMISSIONS.writeApplications.some((p) => roles.includes(p)) && !app.owners.includes(String(claims.oid ?? '').toLowerCase()))
    throw new HttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  if (call.dir.servicePrincipalByAppId(appId))
    throw new HttpError(
      409,
      'Request_MultipleObjectsWithSameKeyValue',
      'Another object with the same value for property servicePrincipalNames already exists.',
    );
  const sp = {
    id: newGuid(),
    appId: app.appId,
    displayName: app.displayName,
    appRoles: app.appRoles.map((r) => ({ ...r })),
    oauth2PermissionScopes: app.api.oauth2PermissionScopes.map((s) => ({ ...s })),
    servicePrincipalNames: [app.appId, ...app.identifierUris],
    servicePrincipalType: 'Application' as const,
    appOwnerOrganizationId: call.dir.tenantId,
    // An app-only caller becomes no one's owner: owners are added explicitly (serviceprincipal-post-owners.md).
    owners: [] as string[],
  };
  call.dir.servicePrincipals.set(sp.id, sp);
  return sendEntity(call, servicePrincipalJson(sp), 'servicePrincipals', 'servicePrincipal', 201);
}
