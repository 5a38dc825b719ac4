import type { DirectoryServicePrincipal } from '../directory/types';
import { PERMISSIONS } from './graph-auth';
import { authorize, requireGuid, sendEntity, sendList, sendNoContent, type GraphCall } from './graph-call';
import { notFound, segmentNotFound } from './graph-errors';
import { createServicePrincipal } from './create-service-principal';
import { methodNotAllowed } from './applications-routes';
import { createAssignment, listAssignments } from './assignment-routes';
import { assignmentJson, servicePrincipalJson, typed, userJson } from './serialize';

function findServicePrincipal(call: GraphCall, key: string, byAppId: string | undefined): DirectoryServicePrincipal {
  const id = byAppId ?? requireGuid(key);
  const sp = byAppId ? call.dir.servicePrincipalByAppId(byAppId) : call.dir.servicePrincipals.get(id);
  if (!sp) throw notFound(id);
  return sp;
}

/** /servicePrincipals[/{id}|(appId='…')][/appRoleAssignedTo[/{assignmentId}]|/appRoleAssignments|/owners]. */
export async function servicePrincipalsRoute(
  call: GraphCall,
  key: string | undefined,
  byAppId: string | undefined,
  nav: string | undefined,
  navKey: string | undefined,
) {
  const method = call.req.method ?? 'GET';
  if (key === undefined && byAppId === undefined) {
    if (method === 'POST') return createServicePrincipal(call);
    if (method !== 'GET') throw methodNotAllowed();
    await authorize(call, PERMISSIONS.readServicePrincipals);
    const all = [...call.dir.servicePrincipals.values()].map(servicePrincipalJson);
    return sendList(call, all, 'servicePrincipals', 'servicePrincipal', all[0] ?? {});
  }
  if (nav === undefined) {
    if (method !== 'GET') throw methodNotAllowed();
    await authorize(call, PERMISSIONS.readServicePrincipals);
    return sendEntity(call, servicePrincipalJson(findServicePrincipal(call, key ?? '', byAppId)), 'servicePrincipals', 'servicePrincipal');
  }
  const navName = nav.toLowerCase();
  if (navName === 'approleassignedto') {
    if (navKey === undefined && method === 'GET') {
      await authorize(call, PERMISSIONS.readServicePrincipals);
      const sp = findServicePrincipal(call, key ?? '', byAppId);
      return listAssignments(call, call.dir.assignmentsTo(sp.id), `servicePrincipals('${sp.id}')/appRoleAssignedTo`);
    }
    if (navKey === undefined && method === 'POST') {
      const sp = findServicePrincipal(call, key ?? '', byAppId);
      return createAssignment(call, { resource: sp }, `servicePrincipals('${sp.id}')/appRoleAssignedTo`);
    }
    if (navKey !== undefined && method === 'DELETE') {
      await authorize(call, PERMISSIONS.writeAssignments);
      const sp = findServicePrincipal(call, key ?? '', byAppId);
      const assignment = call.dir.assignments.get(navKey);
      if (!assignment || assignment.resourceId !== sp.id) throw notFound(navKey);
      call.dir.unassign(navKey);
      return sendNoContent(call);
    }
    if (navKey !== undefined && method === 'GET') {
      await authorize(call, PERMISSIONS.readServicePrincipals);
      const sp = findServicePrincipal(call, key ?? '', byAppId);
      const assignment = call.dir.assignments.get(navKey);
      if (!assignment || assignment.resourceId !== sp.id) throw notFound(navKey);
      return sendEntity(call, assignmentJson(assignment), `servicePrincipals('${sp.id}')/appRoleAssignedTo`, 'appRoleAssignment');
    }
    throw methodNotAllowed();
  }
  if (navName === 'owners' && navKey === undefined && method === 'GET') {
    // List owners of a service principal (api-reference/v1.0/api/serviceprincipal-list-owners.md): Application.Read.All
    // least privileged; users and service principals, typed by @odata.type. A managed identity's list is empty.
    await authorize(call, PERMISSIONS.readApplications);
    const sp = findServicePrincipal(call, key ?? '', byAppId);
    const owners = sp.owners.flatMap((id) => {
      const user = call.dir.users.get(id);
      if (user) return [typed('user', userJson(user))];
      const owner = call.dir.servicePrincipals.get(id);
      return owner ? [typed('servicePrincipal', servicePrincipalJson(owner))] : [];
    });
    return sendList(call, owners, 'directoryObjects', 'directoryObject', owners[0] ?? {});
  }
  if (navName === 'approleassignments' && navKey === undefined && method === 'GET') {
    await authorize(call, PERMISSIONS.readServicePrincipals);
    const sp = findServicePrincipal(call, key ?? '', byAppId);
    return listAssignments(call, call.dir.assignmentsOf(sp.id), `servicePrincipals('${sp.id}')/appRoleAssignments`);
  }
  throw segmentNotFound(nav);
}
