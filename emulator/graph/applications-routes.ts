import type { DirectoryApplication } from '../directory/types';
import { HttpError } from '../http/http-error';
import { isGuid } from '../http/ids';
import { PERMISSIONS } from './graph-auth';
import { authorize, readObject, requireGuid, sendEntity, sendList, sendNoContent, type GraphCall } from './graph-call';
import { badRequest, notFound, segmentNotFound } from './graph-errors';
import { applicationJson, servicePrincipalJson, typed, userJson } from './serialize';

export function findApplication(call: GraphCall, key: string, byAppId: string | undefined): DirectoryApplication {
  const id = byAppId ?? requireGuid(key);
  const app = byAppId ? call.dir.applicationByAppId(byAppId) : call.dir.applications.get(id);
  if (!app || app.firstParty) throw notFound(id);
  return app;
}

/** /applications, /applications/{id}, /applications(appId='…'), /applications/{id}/owners. */
export async function applicationsRoute(call: GraphCall, key: string | undefined, byAppId: string | undefined, nav: string | undefined) {
  const method = call.req.method ?? 'GET';
  const json = (a: DirectoryApplication) => applicationJson(a, call.dir.tenantDomain);
  const tenantApps = () => [...call.dir.applications.values()].filter((a) => !a.firstParty);
  if (key === undefined && byAppId === undefined) {
    if (method !== 'GET') throw methodNotAllowed();
    await authorize(call, PERMISSIONS.readApplications);
    const sample = tenantApps()[0];
    return sendList(call, tenantApps().map(json), 'applications', 'application', sample ? json(sample) : {});
  }
  if (nav === undefined) {
    if (method === 'GET') {
      await authorize(call, PERMISSIONS.readApplications);
      return sendEntity(call, json(findApplication(call, key ?? '', byAppId)), 'applications', 'application');
    }
    if (method === 'PATCH') {
      // Update application: Application.ReadWrite.OwnedBy lets the caller change only apps it owns
      // (api-reference/v1.0/api/application-update.md); .All any app.
      const claims = await authorize(call, [...PERMISSIONS.writeApplications, ...PERMISSIONS.writeOwnedApplications]);
      const app = findApplication(call, key ?? '', byAppId);
      const roles = Array.isArray(claims.roles) ? (claims.roles as string[]) : [];
      const owner = app.owners.includes(String(claims.oid ?? '').toLowerCase());
      if (!PERMISSIONS.writeApplications.some((p) => roles.includes(p)) && !owner)
        throw new HttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
      return patchApplication(call, app);
    }
    throw methodNotAllowed();
  }
  if (nav.toLowerCase() === 'owners' && method === 'GET') {
    await authorize(call, PERMISSIONS.readApplications);
    const app = findApplication(call, key ?? '', byAppId);
    // Owners are users or service principals (an app that manages other apps owns them).
    const owners = app.owners.flatMap((id) => {
      const user = call.dir.users.get(id);
      if (user) return [typed('user', userJson(user))];
      const sp = call.dir.servicePrincipals.get(id);
      return sp ? [typed('servicePrincipal', servicePrincipalJson(sp))] : [];
    });
    return sendList(call, owners, 'directoryObjects', 'directoryObject', owners[0] ?? {});
  }
  throw segmentNotFound(nav);
}

async function patchApplication(call: GraphCall, app: DirectoryApplication) {
  const body = await readObject(call);
  const unknown = Object.keys(body).filter((k) => k !== 'appRoles' && k !== 'displayName');
  if (unknown.length) throw badRequest(`Property '${unknown[0]}' is read-only or not supported by the emulator.`);
  if (typeof body.displayName === 'string') app.displayName = body.displayName;
  if (body.appRoles !== undefined) {
    if (!Array.isArray(body.appRoles)) throw badRequest("Invalid value specified for property 'appRoles' of resource 'Application'.");
    const roles = body.appRoles.map((r: Record<string, unknown>) => {
      if (typeof r?.id !== 'string' || !isGuid(r.id) || typeof r.value !== 'string')
        throw badRequest("Invalid value specified for property 'appRoles' of resource 'Application'.");
      return {
        id: r.id.toLowerCase(),
        value: r.value,
        displayName: String(r.displayName ?? r.value),
        description: String(r.description ?? ''),
        allowedMemberTypes: (Array.isArray(r.allowedMemberTypes) ? r.allowedMemberTypes : ['User']) as ('User' | 'Application')[],
        isEnabled: r.isEnabled !== false,
      };
    });
    // Entra refuses to drop a role that is still enabled: it must be disabled in an earlier update.
    for (const old of app.appRoles) {
      if (old.isEnabled && !roles.some((r) => r.id === old.id)) {
        throw badRequest(
          'Permission (scope or role) cannot be deleted or updated unless disabled first.',
          'CannotDeleteOrUpdateEnabledEntitlement',
        );
      }
    }
    call.dir.setAppRoles(app, roles);
  }
  return sendNoContent(call);
}

export const methodNotAllowed = () =>
  new HttpError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
