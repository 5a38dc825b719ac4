import type { VerifiedClaims } from '../context';
import type { DirectoryApplication } from '../directory/types';
import { HttpError } from '../http/http-error';
import { applyApplicationChanges, readApplicationChanges } from './application-input';
import { createApplication } from './create-application';
import { PERMISSIONS } from './graph-auth';
import { authorize, readObject, requireGuid, sendEntity, sendList, sendNoContent, type GraphCall } from './graph-call';
import { notFound, segmentNotFound } from './graph-errors';
import { addPassword } from './add-password';
import { addFederatedCredential, listFederatedCredentials } from './federated-credentials';
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
    if (method === 'POST') return createApplication(call);
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
      const app = await authorizeAppWrite(call, key, byAppId);
      applyApplicationChanges(call.dir, app, readApplicationChanges(await readObject(call), call.dir, app));
      return sendNoContent(call);
    }
    throw methodNotAllowed();
  }
  if (nav.toLowerCase() === 'addpassword' && method === 'POST') {
    // addPassword: Application.ReadWrite.All, or Application.ReadWrite.OwnedBy on an app the caller owns
    // (api-reference/v1.0/api/application-addpassword.md).
    return addPassword(call, await authorizeAppWrite(call, key, byAppId));
  }
  if (nav.toLowerCase() === 'federatedidentitycredentials') {
    // List: Application.Read.All (or either ReadWrite); create: Application.ReadWrite.OwnedBy on an owned app, or .All.
    if (method === 'GET') {
      await authorize(call, [...PERMISSIONS.readApplications, ...PERMISSIONS.writeOwnedApplications]);
      return listFederatedCredentials(call, findApplication(call, key ?? '', byAppId));
    }
    if (method === 'POST') return addFederatedCredential(call, await authorizeAppWrite(call, key, byAppId));
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

/** Application.ReadWrite.All on any app; Application.ReadWrite.OwnedBy only on apps the caller's service principal owns. */
async function authorizeAppWrite(call: GraphCall, key: string | undefined, byAppId: string | undefined): Promise<DirectoryApplication> {
  const claims: VerifiedClaims = await authorize(call, [...PERMISSIONS.writeApplications, ...PERMISSIONS.writeOwnedApplications]);
  const app = findApplication(call, key ?? '', byAppId);
  const roles = Array.isArray(claims.roles) ? (claims.roles as string[]) : [];
  const owner = app.owners.includes(String(claims.oid ?? '').toLowerCase());
  if (!PERMISSIONS.writeApplications.some((p) => roles.includes(p)) && !owner)
    throw new HttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  return app;
}

export const methodNotAllowed = () =>
  new HttpError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
