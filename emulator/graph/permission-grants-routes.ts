import { PERMISSIONS } from './graph-auth';
import { authorize, sendList, type GraphCall } from './graph-call';
import { methodNotAllowed } from './applications-routes';
import { permissionGrantJson } from './serialize';

const SAMPLE = permissionGrantJson({ id: '', clientId: '', consentType: 'AllPrincipals', principalId: null, resourceId: '', scope: '' });

/**
 * GET /oauth2PermissionGrants[?$filter=clientId eq '…'] — delegated permission grants (Graph v1.0, "List
 * oauth2PermissionGrants"; the docs recommend filtering on clientId). Grants are created by consent, not by Roleport.
 */
export async function permissionGrantsRoute(call: GraphCall) {
  if ((call.req.method ?? 'GET') !== 'GET') throw methodNotAllowed();
  await authorize(call, PERMISSIONS.readPermissionGrants);
  const grants = [...call.dir.permissionGrants.values()].map(permissionGrantJson);
  return sendList(call, grants, 'oauth2PermissionGrants', 'oAuth2PermissionGrant', SAMPLE);
}
