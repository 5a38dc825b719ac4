import 'server-only';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { getConfig } from '@/lib/env';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { refreshAccessToken } from './refresh-access-token';

const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/** Reassembles next-auth's session cookie, which it splits into `.0`, `.1`, … chunks when large. */
async function sessionCookieValue(): Promise<string | undefined> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const whole = jar.get(name)?.value;
    if (whole) return whole;
    const chunks = jar
      .getAll()
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
    if (chunks.length > 0) return chunks.map((c) => c.value).join('');
  }
  return undefined;
}

/**
 * The signed-in user's access token for Roleport's own API, read from the encrypted session on the server.
 * It is the assertion for on-behalf-of exchanges; it never leaves the server.
 */
export async function getUserAccessToken(expectedOid: string): Promise<string> {
  const raw = await sessionCookieValue();
  const token = raw ? await decode({ token: raw, secret: getConfig().authSecret }) : null;
  if (!token?.accessToken || token.oid !== expectedOid || token.error) {
    throw new UserFacingError('Your sign-in has no usable token any more. Sign out and in again.', 'session_expired', 401);
  }
  // The browser renews the session every few minutes; a token that still ran out is renewed here for this call.
  if (token.expiresAt && token.expiresAt * 1000 < Date.now() + 60_000) {
    if (!token.refreshToken) throw new UserFacingError('Your sign-in has expired. Sign in again.', 'session_expired', 401);
    return (await refreshAccessToken(token.refreshToken)).accessToken;
  }
  return token.accessToken;
}
