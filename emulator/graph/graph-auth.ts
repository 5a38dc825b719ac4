import type { IncomingMessage } from 'node:http';
import type { TokenVerifier, VerifiedClaims } from '../context';
import { HttpError } from '../http/http-error';
import type { Directory } from '../directory/directory';
import { MICROSOFT_GRAPH } from '../seed/directory-seed';

const challenge = {
  'WWW-Authenticate':
    'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
};

/** A valid token issued for Graph, whoever it names. */
async function graphToken(tokens: TokenVerifier, req: IncomingMessage, graphResource: string) {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!bearer) throw new HttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.', challenge);
  const claims = await tokens.verify(bearer);
  if (!claims) throw new HttpError(401, 'InvalidAuthenticationToken', 'Access token validation failure.', challenge);
  // Graph's audience is its app id or the cloud's Graph resource URI (graph.microsoft.com, graph.microsoft.us, …).
  const audiences = new Set([graphResource, `${graphResource}/`, MICROSOFT_GRAPH.appId]);
  if (!audiences.has(claims.aud))
    throw new HttpError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.', challenge);
  return claims;
}

/** Directory roles whose holders may make every write Roleport's set-up makes on a user's behalf (template ids). */
const DELEGATED_WRITERS = new Set([
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
]);

/**
 * A Graph token allowed the call: app-only with one of the accepted application permissions, or delegated (a user's,
 * `scp` set) with the delegated permission of the same name or Directory.AccessAsUser.All. A delegated caller gets what
 * the user may do: the API pages' "In delegated scenarios … the signed-in user must be assigned a supported Microsoft
 * Entra role"; stricter than Graph, every delegated write needs Global Administrator or Privileged Role Administrator
 * (the roles every write here lists). The claims come back with `roles` = the permissions the caller holds here.
 */
export async function requirePermission(
  tokens: TokenVerifier,
  req: IncomingMessage,
  accepted: string[],
  graphResource: string,
  dir: Directory,
) {
  const claims = await graphToken(tokens, req, graphResource);
  if (typeof claims.scp !== 'string') return requireRoles(claims, accepted);
  const scopes = claims.scp.split(' ');
  const held = scopes.includes('Directory.AccessAsUser.All') ? accepted : accepted.filter((p) => scopes.includes(p));
  const user = typeof claims.oid === 'string' ? dir.findUser(claims.oid) : undefined;
  const writes = !['GET', 'HEAD'].includes((req.method ?? 'GET').toUpperCase());
  const mayWrite = user && dir.directoryRolesOf(user.id).some((r) => DELEGATED_WRITERS.has(r.roleTemplateId));
  if (!user || held.length === 0 || (writes && !mayWrite))
    throw new HttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  return { ...claims, roles: held };
}

function requireRoles(claims: VerifiedClaims, accepted: string[]) {
  const roles = Array.isArray(claims.roles) ? (claims.roles as string[]) : [];
  if (!accepted.some((p) => roles.includes(p)))
    throw new HttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  return claims;
}

/**
 * A delegated Graph token (a signed-in user's, `scp` set) holding one of the accepted scopes. `/me` names that user,
 * so an app-only token is refused with Graph's own wording ("/me request is only valid with delegated authentication
 * flow.", 400 BadRequest).
 */
export async function requireDelegatedScope(tokens: TokenVerifier, req: IncomingMessage, accepted: string[], graphResource: string) {
  const claims = await graphToken(tokens, req, graphResource);
  if (typeof claims.scp !== 'string' || typeof claims.oid !== 'string')
    throw new HttpError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  const scopes = claims.scp.split(' ');
  if (!accepted.some((s) => scopes.includes(s)))
    throw new HttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  return { ...claims, oid: claims.oid };
}

/** Delegated permissions Graph accepts per kind of `/me` call (least privileged first). */
export const DELEGATED = {
  // List ownedObjects (api-reference/v1.0/api/user-list-ownedobjects.md): User.Read least privileged; application
  // permissions are not supported for this call, so an app can list a user's objects only on that user's behalf.
  readOwnedObjects: ['User.Read', 'User.ReadWrite', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
} as const satisfies Record<string, string[]>;

/** Application permissions Graph accepts per kind of call (least privileged first). */
export const PERMISSIONS = {
  readApplications: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  writeApplications: ['Application.ReadWrite.All'],
  writeOwnedApplications: ['Application.ReadWrite.OwnedBy'],
  readServicePrincipals: [
    'Application.Read.All',
    'Application.ReadWrite.All',
    'AppRoleAssignment.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  writeAssignments: ['AppRoleAssignment.ReadWrite.All'],
  readUserAssignments: ['AppRoleAssignment.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readUsers: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readMemberOf: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readGroups: [
    'Group.Read.All',
    'GroupMember.Read.All',
    'GroupMember.ReadWrite.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  writeMembers: ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  // List oAuth2PermissionGrants (api-reference/v1.0/api/oauth2permissiongrant-list.md).
  readPermissionGrants: [
    'DelegatedPermissionGrant.Read.All',
    'DelegatedPermissionGrant.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  // Create or update oAuth2PermissionGrants (admin consent to delegated permissions): oauth2permissiongrant-post.md,
  // oauth2permissiongrant-update.md list DelegatedPermissionGrant.ReadWrite.All as the only application permission.
  writePermissionGrants: ['DelegatedPermissionGrant.ReadWrite.All'],
  // Send mail as any user: user-sendmail.md's permissions table lists Mail.Send as the only application permission.
  sendMail: ['Mail.Send'],
} as const satisfies Record<string, string[]>;
