import type { DirectoryGroup } from '../directory/types';
import { PERMISSIONS } from './graph-auth';
import { authorize, readObject, requireGuid, sendEntity, sendList, sendNoContent, type GraphCall } from './graph-call';
import { badRequest, notFound, segmentNotFound } from './graph-errors';
import { methodNotAllowed } from './applications-routes';
import { listAssignments } from './assignment-routes';
import { directoryRoleJson, groupJson, servicePrincipalJson, typed, userJson } from './serialize';

function findGroup(call: GraphCall, key: string): DirectoryGroup {
  const group = call.dir.groups.get(requireGuid(key));
  if (!group) throw notFound(key);
  return group;
}

function memberJson(call: GraphCall, id: string) {
  const user = call.dir.users.get(id);
  if (user) return typed('user', userJson(user));
  const group = call.dir.groups.get(id);
  if (group) return typed('group', groupJson(group));
  const sp = call.dir.servicePrincipals.get(id);
  return sp ? typed('servicePrincipal', servicePrincipalJson(sp)) : undefined;
}

/** Direct memberships of an object, typed as Graph's memberOf lists them: groups, then directory roles. */
export function memberOfJson(call: GraphCall, objectId: string) {
  return [
    ...call.dir.groupsOf(objectId).map((g) => typed('group', groupJson(g))),
    ...call.dir.directoryRolesOf(objectId).map((r) => typed('directoryRole', directoryRoleJson(r))),
  ];
}

/** /groups[/{id}[/members[/$ref|/{id}/$ref]|/memberOf|/appRoleAssignments]]. */
export async function groupsRoute(call: GraphCall, key: string | undefined, rest: string[]) {
  const method = call.req.method ?? 'GET';
  if (key === undefined) {
    if (method !== 'GET') throw methodNotAllowed();
    await authorize(call, PERMISSIONS.readGroups);
    const all = [...call.dir.groups.values()].map(groupJson);
    return sendList(call, all, 'groups', 'group', all[0] ?? {});
  }
  const [nav, second, third] = rest;
  if (nav === undefined) {
    if (method !== 'GET') throw methodNotAllowed();
    await authorize(call, PERMISSIONS.readGroups);
    return sendEntity(call, groupJson(findGroup(call, key)), 'groups', 'group');
  }
  if (nav.toLowerCase() === 'approleassignments' && second === undefined && method === 'GET') {
    await authorize(call, PERMISSIONS.readGroups);
    const group = findGroup(call, key);
    return listAssignments(call, call.dir.assignmentsOf(group.id), `groups('${group.id}')/appRoleAssignments`);
  }
  if (nav.toLowerCase() === 'memberof' && second === undefined && method === 'GET') {
    // group-list-memberof.md: the groups (and, for a role-assignable group, the directory roles) it is a direct member of.
    await authorize(call, PERMISSIONS.readGroups);
    const group = findGroup(call, key);
    return sendList(call, memberOfJson(call, group.id), 'directoryObjects', 'directoryObject', {});
  }
  if (nav.toLowerCase() !== 'members') throw segmentNotFound(nav);
  if (second === undefined && method === 'GET') {
    await authorize(call, PERMISSIONS.readGroups);
    const group = findGroup(call, key);
    const members = [...group.members].map((id) => memberJson(call, id)).filter((m) => m !== undefined);
    return sendList(call, members, 'directoryObjects', 'directoryObject', members[0] ?? {});
  }
  if (second === '$ref' && third === undefined && method === 'POST') {
    await authorize(call, PERMISSIONS.writeMembers);
    const group = findGroup(call, key);
    const body = await readObject(call);
    const ref = body['@odata.id'];
    const id = typeof ref === 'string' ? /([0-9a-f-]{36})\/?$/i.exec(ref)?.[1]?.toLowerCase() : undefined;
    if (!id) throw badRequest("Invalid URL format specified in @odata.id, or the property '@odata.id' is missing.", 'BadRequest');
    if (!call.dir.principal(id)) throw notFound(id);
    if (group.members.has(id))
      throw badRequest("One or more added object references already exist for the following modified properties: 'members'.");
    group.members.add(id);
    return sendNoContent(call);
  }
  if (second !== undefined && third === '$ref' && method === 'DELETE') {
    await authorize(call, PERMISSIONS.writeMembers);
    const group = findGroup(call, key);
    const id = requireGuid(second);
    if (!group.members.delete(id)) throw notFound(id);
    return sendNoContent(call);
  }
  throw methodNotAllowed();
}
