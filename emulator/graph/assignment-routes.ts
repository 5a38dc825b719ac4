import type { DirectoryServicePrincipal } from '../directory/types';
import { PERMISSIONS } from './graph-auth';
import { authorize, readObject, requireGuidField, sendEntity, sendList, type GraphCall } from './graph-call';
import { badRequest, notFound } from './graph-errors';
import { assignmentJson } from './serialize';

const SAMPLE = assignmentJson({
  id: '',
  appRoleId: '',
  principalId: '',
  principalType: 'User',
  principalDisplayName: '',
  resourceId: '',
  resourceDisplayName: '',
  createdDateTime: '',
});

/** Lists assignments (of a principal or to a resource) in Graph's appRoleAssignment shape. */
export function listAssignments(call: GraphCall, assignments: ReturnType<GraphCall['dir']['assignmentsOf']>, contextPath: string) {
  // ISO timestamps order as plain strings; localeCompare is far slower on a large tenant's list.
  const items = assignments
    .sort((a, b) => (a.createdDateTime < b.createdDateTime ? -1 : a.createdDateTime > b.createdDateTime ? 1 : 0))
    .map(assignmentJson);
  return sendList(call, items, contextPath, 'appRoleAssignment', SAMPLE);
}

/** POST an assignment; `fixed` pins the principal or resource that the URL names. */
export async function createAssignment(
  call: GraphCall,
  fixed: { resource?: DirectoryServicePrincipal; principalId?: string },
  contextPath: string,
) {
  await authorize(call, PERMISSIONS.writeAssignments);
  const body = await readObject(call);
  const principalId = requireGuidField(body, 'principalId');
  const resourceId = requireGuidField(body, 'resourceId');
  const appRoleId = requireGuidField(body, 'appRoleId');
  if (fixed.resource && fixed.resource.id !== resourceId)
    throw badRequest('The resourceId in the request body does not match the service principal in the request URL.');
  if (fixed.principalId && fixed.principalId !== principalId)
    throw badRequest('The principalId in the request body does not match the principal in the request URL.');
  const resource = call.dir.servicePrincipals.get(resourceId);
  if (!resource) throw notFound(resourceId);
  if (!call.dir.principal(principalId)) throw notFound(principalId);
  const result = call.dir.assign(principalId, resourceId, appRoleId);
  if (!result.ok) {
    if (result.reason === 'duplicate') throw badRequest('Permission being assigned already exists on the object');
    if (result.reason === 'principal') throw notFound(principalId);
    // A role whose allowedMemberTypes leave out the principal's kind (a user for an "Application"-only role, a client
    // service principal for a "User"-only one) cannot be assigned to it (resources/approle.md, allowedMemberTypes;
    // serviceprincipal-post-approleassignedto.md: principalId is "a user, a group, or a client service principal").
    // The docs give no wording for this refusal: the emulator answers as for a role the resource does not have.
    throw badRequest(`Permission being assigned was not found on application '${resource.appId}'.`);
  }
  return sendEntity(call, assignmentJson(result.assignment), contextPath, 'appRoleAssignment', 201);
}
