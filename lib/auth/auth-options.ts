import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import AzureADProvider from 'next-auth/providers/azure-ad';
import { db } from '@/lib/db/portal-database';
import { getConfig } from '@/lib/env';
import { discoveryUrl } from './openid-metadata';
import { safeCallbackUrl } from './safe-callback-url';
import { sessionCookieOptions, usesSecureCookies } from './session-cookies';
import { sessionJwt, type IdTokenClaims } from './session-jwt';
import { signInClientAuth } from './sign-in-client-auth';
import { sessionEndsAt } from './session-lifetime';
import { revokeSession } from './session-revocation';

let cached: NextAuthOptions | undefined;

/** next-auth options, built on first use so `next build` never needs runtime configuration. */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const config = getConfig();
  cached = {
    secret: config.authSecret,
    // Rolling while the user is active; sessionJwt also ends it SESSION_LIFETIME_HOURS after sign-in.
    session: { strategy: 'jwt', maxAge: Math.min(8, config.sessionLifetimeHours) * 60 * 60 },
    useSecureCookies: usesSecureCookies(config.publicUrl),
    cookies: sessionCookieOptions(config.publicUrl),
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      AzureADProvider({
        clientId: config.clientId,
        ...signInClientAuth(),
        tenantId: config.tenantId,
        wellKnown: discoveryUrl(),
        checks: ['pkce', 'state', 'nonce'],
        authorization: { params: { scope: `openid profile email offline_access ${config.portalApiScope}` } },
        // The default profile() fetches a photo from graph.microsoft.com; the ID token already has what we need.
        profile: (claims: IdTokenClaims) => ({
          id: claims.oid ?? '',
          name: claims.name ?? claims.preferred_username ?? '',
          email: claims.preferred_username ?? claims.email ?? '',
        }),
      }),
    ],
    events: {
      // next-auth's own sign-out endpoint ends the session on the server as well (the portal's sign-out does too).
      async signOut({ token }) {
        const end = token && sessionEndsAt(token);
        if (token?.sid && end) await revokeSession(await db(), token.sid, end);
      },
    },
    callbacks: {
      jwt: ({ token, account, profile }) => sessionJwt({ token, account, profile }),
      // After sign-in only the portal's own pages: relative, or absolute on its own origin (no open redirects).
      redirect: ({ url, baseUrl }) => `${baseUrl}${safeCallbackUrl(url, new URL(baseUrl).origin)}`,
      // Only identity reaches the browser: tokens stay inside the encrypted session cookie.
      session({ session, token }) {
        return {
          expires: session.expires,
          user: {
            oid: token.oid ?? '',
            tid: token.tid ?? '',
            name: token.name ?? '',
            upn: token.upn ?? '',
            portalRoles: token.portalRoles ?? [],
          },
          error: token.error,
        };
      },
    },
  };
  return cached;
}
