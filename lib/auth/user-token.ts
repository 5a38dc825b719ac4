import 'server-only';
import { db } from '@/lib/db/portal-database';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { refreshAccessToken } from './refresh-access-token';
import { readSessionToken } from './session-token';
import { sessionProblem } from './session-user';

/**
 * The signed-in user's access token for Roleport's own API, read from the encrypted session on the server.
 * It is the assertion for on-behalf-of exchanges; it never leaves the server.
 */
export async function getUserAccessToken(expectedOid: string): Promise<string> {
  const token = await readSessionToken();
  if (!token?.accessToken || token.oid !== expectedOid || (await sessionProblem(await db(), token))) {
    throw new UserFacingError('Your sign-in has no usable token any more. Sign out and in again.', 'session_expired', 401);
  }
  // The browser renews the session every few minutes; a token that still ran out is renewed here for this call.
  if (token.expiresAt && token.expiresAt * 1000 < Date.now() + 60_000) {
    if (!token.refreshToken) throw new UserFacingError('Your sign-in has expired. Sign in again.', 'session_expired', 401);
    return (await refreshAccessToken(token.refreshToken)).accessToken;
  }
  return token.accessToken;
}
