import type { OAuth2PermissionGrant } from '../directory/types';
import { HttpError } from '../http/http-error';
import { PERMISSIONS } from './graph-auth';
import { authorize, readObject, requireGuidField, sendEntity, sendList, sendNoContent, type GraphCall } from './graph-call';
import { methodNotAllowed } from './applications-routes';
import { badRequest, notFound } from './graph-errors';
import { permissionGrantJson } from './serialize';

const SAMPLE = permissionGrantJson({ id: '', clientId: '', consentType: 'AllPrincipals', principalId: null, resourceId: '', scope: '' });

/**
 * /oauth2PermissionGrants — delegated permission grants (Graph v1.0). GET lists them ("List oauth2PermissionGrants"; the
 * docs recommend filtering on clientId); POST records consent (admin consent is consentType AllPrincipals); PATCH
 * /{id} changes only `scope`.
 */
export async function permissionGrantsRoute(call: GraphCall, key: string | undefined) {
  const method = call.req.method ?? 'GET';
  if (key === undefined && method === 'GET') {
    await authorize(call, PERMISSIONS.readPermissionGrants);
    const grants = [...call.dir.permissionGrants.values()].map(permissionGrantJson);
    return sendList(call, grants, 'oauth2PermissionGrants', 'oAuth2PermissionGrant', SAMPLE);
  }
  if (key === undefined && method === 'POST') return createGrant(call);
  if (key !== undefined && method === 'PATCH') {
    await authorize(call, PERMISSIONS.writePermissionGrants);
    const grant = call.dir.permissionGrants.get(key);
    if (!grant) throw notFound(key);
    const body = await readObject(call);
    const unknown = Object.keys(body).find((k) => k !== 'scope');
    if (unknown) throw badRequest(`Property '${unknown}' is read-only or not supported by the emulator.`);
    grant.scope = scopeOf(call, body.scope, grant.resourceId);
    return sendNoContent(call);
  }
  throw methodNotAllowed();
}

/** Each value must be a delegated permission the resource exposes (enabled), space-separated as Graph stores it. */
function scopeOf(call: GraphCall, value: unknown, resourceId: string): string {
  if (typeof value !== 'string') throw badRequest("Invalid value specified for property 'scope' of resource 'OAuth2PermissionGrant'.");
  const resource = call.dir.servicePrincipals.get(resourceId)!;
  const exposed = new Set(resource.oauth2PermissionScopes.filter((s) => s.isEnabled).map((s) => s.value));
  const names = value.split(/\s+/).filter(Boolean);
  const missing = names.find((n) => !exposed.has(n));
  if (missing) throw badRequest(`The scope '${missing}' is not a delegated permission of the resource '${resource.appId}'.`);
  return names.join(' ');
}

async function createGrant(call: GraphCall) {
  await authorize(call, PERMISSIONS.writePermissionGrants);
  const body = await readObject(call);
  const clientId = requireGuidField(body, 'clientId');
  const resourceId = requireGuidField(body, 'resourceId');
  if (!call.dir.servicePrincipals.has(clientId)) throw notFound(clientId);
  if (!call.dir.servicePrincipals.has(resourceId)) throw notFound(resourceId);
  const consentType = body.consentType;
  if (consentType !== 'AllPrincipals' && consentType !== 'Principal')
    throw badRequest("Invalid value specified for property 'consentType' of resource 'OAuth2PermissionGrant'.");
  const principalId = consentType === 'Principal' ? requireGuidField(body, 'principalId') : null;
  if (consentType === 'AllPrincipals' && body.principalId != null)
    throw badRequest('principalId must be null when consentType is AllPrincipals.');
  if (principalId && !call.dir.users.has(principalId)) throw notFound(principalId);
  const scope = scopeOf(call, body.scope, resourceId);
  const exists = [...call.dir.permissionGrants.values()].some(
    (g: OAuth2PermissionGrant) =>
      g.clientId === clientId && g.resourceId === resourceId && g.consentType === consentType && g.principalId === principalId,
  );
  // One grant per client, resource and principal: further scopes are added by updating it.
  if (exists) throw new HttpError(409, 'Request_MultipleObjectsWithSameKeyValue', 'Permission entry already exists.');
  const grant = call.dir.grantDelegated(clientId, resourceId, scope, principalId);
  return sendEntity(call, permissionGrantJson(grant), 'oauth2PermissionGrants', 'oAuth2PermissionGrant', 201);
}
