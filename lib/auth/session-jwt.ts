import 'server-only';
import type { Account, Profile } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { db } from '@/lib/db/portal-database';
import { refreshAccessToken } from './refresh-access-token';
import { sessionProblem } from './session-user';

const REFRESH_MARGIN_SECONDS = 120;

export interface IdTokenClaims {
  oid?: string;
  tid?: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  roles?: string[];
}

/** A session that can no longer be used keeps only its identity and the reason; every token is dropped. */
const ended = (token: JWT, error: NonNullable<JWT['error']>): JWT => ({
  ...token,
  accessToken: undefined,
  refreshToken: undefined,
  portalRoles: [],
  error,
});

/** A new sign-in: a fresh session id and start time, the roles of the ID token, the user's tokens. */
function signedIn(token: JWT, account: Account, claims: IdTokenClaims): JWT {
  return {
    ...token,
    oid: claims.oid,
    tid: claims.tid,
    upn: claims.preferred_username ?? claims.email,
    portalRoles: claims.roles ?? [],
    accessToken: account.access_token,
    refreshToken: account.refresh_token,
    expiresAt: account.expires_at,
    sid: crypto.randomUUID(),
    startedAt: Math.floor(Date.now() / 1000),
    error: undefined,
  };
}

/**
 * next-auth's jwt callback: runs at sign-in and whenever the browser polls the session. A session past its lifetime or
 * signed out ends here too; a renewal re-reads the user's roles from the new ID token, so a role removed in Entra
 * leaves the session at the next renewal (and admin rights, re-checked in Graph, within a minute).
 */
export async function sessionJwt({ token, account, profile }: { token: JWT; account?: Account | null; profile?: Profile }): Promise<JWT> {
  if (account && profile) return signedIn(token, account, profile as IdTokenClaims);
  if (token.error) return token.error === 'RefreshFailed' ? token : ended(token, token.error);
  if (await sessionProblem(await db(), token)) return ended(token, 'SessionEnded');
  if (!token.expiresAt || Date.now() / 1000 < token.expiresAt - REFRESH_MARGIN_SECONDS) return token;
  if (!token.refreshToken) return ended(token, 'RefreshFailed');
  try {
    const refreshed = await refreshAccessToken(token.refreshToken);
    // Without an ID token of the same user nothing says which roles still hold: none are kept.
    const sameUser = refreshed.identity && refreshed.identity.oid === token.oid;
    return {
      ...token,
      accessToken: refreshed.accessToken,
      refreshToken: refreshed.refreshToken ?? token.refreshToken,
      expiresAt: refreshed.expiresAt,
      portalRoles: sameUser ? refreshed.identity!.roles : [],
    };
  } catch (error) {
    console.warn('[auth] access token refresh failed', (error as Error).message);
    return ended(token, 'RefreshFailed');
  }
}
