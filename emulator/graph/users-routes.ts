import type { DirectoryUser } from '../directory/types';
import { PERMISSIONS } from './graph-auth';
import { authorize, sendEntity, sendList, type GraphCall } from './graph-call';
import { notFound, segmentNotFound } from './graph-errors';
import { methodNotAllowed } from './applications-routes';
import { createAssignment, listAssignments } from './assignment-routes';
import { memberOfJson } from './groups-routes';
import { sendMailRoute } from './send-mail-route';
import { userJson } from './serialize';

function findUser(call: GraphCall, key: string): DirectoryUser {
  const user = call.dir.findUser(key);
  if (!user) throw notFound(key);
  return user;
}

/** /users[/{id|upn}[/appRoleAssignments|/memberOf|/sendMail]]. */
export async function usersRoute(call: GraphCall, key: string | undefined, nav: string | undefined) {
  const method = call.req.method ?? 'GET';
  if (key === undefined) {
    if (method !== 'GET') throw methodNotAllowed();
    await authorize(call, PERMISSIONS.readUsers);
    const all = [...call.dir.users.values()].map(userJson);
    return sendList(call, all, 'users', 'user', all[0] ?? {});
  }
  if (nav === undefined) {
    if (method !== 'GET') throw methodNotAllowed();
    await authorize(call, PERMISSIONS.readUsers);
    return sendEntity(call, userJson(findUser(call, key)), 'users', 'user');
  }
  const navName = nav.toLowerCase();
  if (navName === 'approleassignments') {
    if (method === 'GET') {
      await authorize(call, PERMISSIONS.readUserAssignments);
      const user = findUser(call, key);
      // Includes the assignments of the groups the user is a direct member of (principalType Group), as Graph does.
      return listAssignments(call, call.dir.assignmentsGrantedToUser(user.id), `users('${user.id}')/appRoleAssignments`);
    }
    if (method === 'POST') {
      const user = findUser(call, key);
      return createAssignment(call, { principalId: user.id }, `users('${user.id}')/appRoleAssignments`);
    }
    throw methodNotAllowed();
  }
  if (navName === 'sendmail') {
    if (method !== 'POST') throw methodNotAllowed();
    return sendMailRoute(call, key);
  }
  if (navName === 'memberof' && method === 'GET') {
    await authorize(call, PERMISSIONS.readMemberOf);
    const user = findUser(call, key);
    // user-list-memberof.md: groups, directory roles and administrative units the user is a direct member of.
    const memberships = memberOfJson(call, user.id);
    return sendList(call, memberships, 'directoryObjects', 'directoryObject', memberships[0] ?? {});
  }
  throw segmentNotFound(nav);
}
