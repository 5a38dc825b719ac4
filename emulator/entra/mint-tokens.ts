import { createHash, randomBytes } from 'node:crypto';
import type { Directory } from '../directory/directory';
import type { DirectoryApplication, DirectoryUser } from '../directory/types';
import type { ResolvedResource } from './resolve-resource';
import { issuersFor, type SigningKeys } from './signing-keys';

export interface MintContext {
  directory: Directory;
  keys: SigningKeys;
  authorityHost: string;
  tokenLifetimeSeconds: number;
}

const opaque = (bytes: number) => randomBytes(bytes).toString('base64url');

/** Entra's `sub` is pairwise: the same user has a different subject for each client app. */
function pairwiseSub(oid: string, clientAppId: string) {
  return createHash('sha256').update(`${oid}:${clientAppId}`).digest('base64url').slice(0, 43);
}

function timing(ctx: MintContext) {
  const now = Math.floor(Date.now() / 1000);
  return { iat: now, nbf: now, exp: now + ctx.tokenLifetimeSeconds };
}

export interface AccessTokenRequest {
  resource: ResolvedResource;
  client: DirectoryApplication;
  /** The signed-in user for delegated tokens; absent for app-only tokens. */
  user?: DirectoryUser;
  scp?: string[];
}

/** An access token shaped by the resource's token version; `roles` is read from the directory now. */
export async function mintAccessToken(ctx: MintContext, req: AccessTokenRequest): Promise<string> {
  const { directory: dir, keys } = ctx;
  const tid = dir.tenantId;
  const iss = issuersFor(ctx.authorityHost, tid, dir.cloud.v1IssuerHost);
  const clientSp = dir.servicePrincipalByAppId(req.client.appId);
  const subjectOid = req.user?.id ?? clientSp?.id ?? req.client.appId;
  const roles = dir.rolesFor(subjectOid, req.resource.app.appId);
  const v2 = req.resource.version === 2;
  const claims: Record<string, unknown> = {
    aud: v2 ? req.resource.app.appId : req.resource.requestedAs,
    iss: v2 ? iss.v2 : iss.v1,
    ...timing(ctx),
    aio: opaque(48),
  };
  if (v2) Object.assign(claims, { azp: req.client.appId, azpacr: '1' });
  else Object.assign(claims, { appid: req.client.appId, appidacr: '1' });
  if (req.user) {
    const u = req.user;
    if (!v2)
      Object.assign(claims, {
        acr: '1',
        amr: ['pwd'],
        family_name: u.surname ?? undefined,
        given_name: u.givenName ?? undefined,
        ipaddr: '127.0.0.1',
      });
    Object.assign(claims, { name: u.displayName, oid: u.id });
    if (v2) claims.preferred_username = u.userPrincipalName;
    claims.rh = opaque(12);
    if (roles.length) claims.roles = roles;
    Object.assign(claims, { scp: (req.scp ?? []).join(' '), sub: pairwiseSub(u.id, req.client.appId), tid });
    if (!v2) Object.assign(claims, { unique_name: u.userPrincipalName, upn: u.userPrincipalName });
  } else {
    if (!v2) claims.idp = iss.v1;
    Object.assign(claims, { idtyp: 'app', oid: subjectOid, rh: opaque(12) });
    if (roles.length) claims.roles = roles;
    Object.assign(claims, { sub: subjectOid, tid });
  }
  Object.assign(claims, { uti: opaque(16), ver: v2 ? '2.0' : '1.0' });
  return keys.sign(claims);
}

/** The ID token for the client app; its `roles` are the user's roles on that client app itself. */
export async function mintIdToken(
  ctx: MintContext,
  client: DirectoryApplication,
  user: DirectoryUser,
  extra: { nonce?: string; sid?: string },
) {
  const tid = ctx.directory.tenantId;
  const roles = ctx.directory.rolesFor(user.id, client.appId);
  return ctx.keys.sign({
    aud: client.appId,
    iss: issuersFor(ctx.authorityHost, tid).v2,
    ...timing(ctx),
    aio: opaque(48),
    email: user.mail ?? undefined,
    name: user.displayName,
    nonce: extra.nonce,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    rh: opaque(12),
    ...(roles.length ? { roles } : {}),
    sid: extra.sid,
    sub: pairwiseSub(user.id, client.appId),
    tid,
    uti: opaque(16),
    ver: '2.0',
  });
}
