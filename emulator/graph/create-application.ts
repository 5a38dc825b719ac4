import type { DirectoryApplication } from '../directory/types';
import { newGuid } from '../http/ids';
import { applyApplicationChanges, readApplicationChanges } from './application-input';
import { PERMISSIONS } from './graph-auth';
import { authorize, readObject, sendEntity, type GraphCall } from './graph-call';
import { badRequest } from './graph-errors';
import { applicationJson } from './serialize';

/**
 * POST /applications (api-reference/v1.0/api/application-post-applications.md): Application.ReadWrite.All or
 * Application.ReadWrite.OwnedBy. An app created by an app is owned by the caller's service principal, which is what
 * lets OwnedBy manage it afterwards ("create other applications … and fully manage those", permissions reference).
 */
export async function createApplication(call: GraphCall) {
  const claims = await authorize(call, [...PERMISSIONS.writeApplications, ...PERMISSIONS.writeOwnedApplications]);
  const body = await readObject(call);
  if (typeof body.displayName !== 'string')
    throw badRequest("Invalid value specified for property 'displayName' of resource 'Application'.");
  const changes = readApplicationChanges(body, call.dir);
  const caller = String(claims.oid ?? '').toLowerCase();
  const app: DirectoryApplication = {
    id: newGuid(),
    appId: newGuid(),
    displayName: body.displayName,
    createdDateTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    identifierUris: [],
    api: { requestedAccessTokenVersion: null, oauth2PermissionScopes: [], preAuthorizedApplications: [], knownClientApplications: [] },
    appRoles: [],
    web: { redirectUris: [] },
    // Its creator owns it: the calling app's service principal, or the signed-in user.
    owners: call.dir.servicePrincipals.has(caller) || call.dir.users.has(caller) ? [caller] : [],
    passwordCredentials: [],
    groupMembershipClaims: null,
    requiredResourceAccess: [],
    firstParty: false,
  };
  applyApplicationChanges(call.dir, app, changes);
  call.dir.applications.set(app.id, app);
  return sendEntity(call, applicationJson(app, call.dir.tenantDomain), 'applications', 'application', 201);
}
