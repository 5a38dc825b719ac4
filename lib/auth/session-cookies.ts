import type { CookiesOptions } from 'next-auth';

const BASE_NAME = 'next-auth.session-token';

/** Behind https the session cookie is `Secure` (and `__Secure-` prefixed), decided by the portal's public URL. */
export function usesSecureCookies(publicUrl: string): boolean {
  return publicUrl.startsWith('https://');
}

export function sessionCookieName(publicUrl: string): string {
  return usesSecureCookies(publicUrl) ? `__Secure-${BASE_NAME}` : BASE_NAME;
}

/** Both names, for reading and for clearing whichever the browser holds. */
export const SESSION_COOKIE_NAMES = [`__Secure-${BASE_NAME}`, BASE_NAME];

/**
 * The session cookie: never readable by scripts, sent on top-level navigations from other sites (so links into the
 * portal keep the user signed in) but not on their cross-site POSTs or subrequests, and only over https when the
 * portal is served over https.
 */
export function sessionCookieOptions(publicUrl: string): Partial<CookiesOptions> {
  return {
    sessionToken: {
      name: sessionCookieName(publicUrl),
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: usesSecureCookies(publicUrl) },
    },
  };
}
