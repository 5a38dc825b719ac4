import type { IncomingMessage } from 'node:http';
import type { TokenVerifier } from '../context';
import { HttpError } from '../http/http-error';
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

/** An app-only Graph token holding at least one of the accepted application permissions. */
export async function requireAppPermission(tokens: TokenVerifier, req: IncomingMessage, accepted: string[], graphResource: string) {
  const claims = await graphToken(tokens, req, graphResource);
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
