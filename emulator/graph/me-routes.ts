import { DELEGATED, requireDelegatedScope } from './graph-auth';
import { sendList, type GraphCall } from './graph-call';
import { segmentNotFound } from './graph-errors';
import { methodNotAllowed } from './applications-routes';
import { applicationJson, servicePrincipalJson, typed } from './serialize';

// OData casts on a directoryObject collection keep only the items of that type (Graph's "microsoft.graph.application"
// segment, as in `GET /me/ownedObjects/microsoft.graph.application`).
const CASTS = { 'microsoft.graph.application': 'application', 'microsoft.graph.serviceprincipal': 'servicePrincipal' } as const;

/**
 * GET /me/ownedObjects[/microsoft.graph.application|/microsoft.graph.servicePrincipal]: the directory objects the
 * signed-in user owns (api-reference/v1.0/api/user-list-ownedobjects.md). Applications and service principals are what
 * the emulator's users can own; groups they own are not modelled.
 */
export async function meRoute(call: GraphCall, nav: string | undefined, cast: string | undefined) {
  if (nav?.toLowerCase() !== 'ownedobjects') throw segmentNotFound(nav ?? 'me');
  if ((call.req.method ?? 'GET') !== 'GET') throw methodNotAllowed();
  const claims = await requireDelegatedScope(call.tokens, call.req, [...DELEGATED.readOwnedObjects], call.dir.cloud.graphResource);
  const only = cast === undefined ? undefined : CASTS[cast.toLowerCase() as keyof typeof CASTS];
  if (cast !== undefined && !only) throw segmentNotFound(cast);
  const owned = call.dir.ownedBy(claims.oid);
  const items = [
    ...(only === undefined || only === 'application'
      ? owned.applications.map((a) => typed('application', applicationJson(a, call.dir.tenantDomain)))
      : []),
    ...(only === undefined || only === 'servicePrincipal'
      ? owned.servicePrincipals.map((s) => typed('servicePrincipal', servicePrincipalJson(s)))
      : []),
  ];
  const context = only ? `directoryObjects/microsoft.graph.${only}` : 'directoryObjects';
  return sendList(call, items, context, only ?? 'directoryObject', items[0] ?? {});
}
