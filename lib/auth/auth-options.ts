import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import AzureADProvider from 'next-auth/providers/azure-ad';
import { getHeldRoles } from '@/lib/access/held-roles';
import { getConfig } from '@/lib/env';
import { discoveryUrl } from './openid-metadata';
import { refreshAccessToken } from './refresh-access-token';

const REFRESH_MARGIN_SECONDS = 120;

interface IdTokenClaims {
  oid?: string;
  tid?: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  roles?: string[];
}

let cached: NextAuthOptions | undefined;

/** next-auth options, built on first use so `next build` never needs runtime configuration. */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const config = getConfig();
  cached = {
    secret: config.authSecret,
    session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      AzureADProvider({
        clientId: config.clientId,
        clientSecret: config.clientSecret,
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
      // Start reading the user's roles from Graph now, so the first page after sign-in finds them (nearly) ready.
      // The event gets the user as profile() shaped it, whose id is the object id.
      signIn({ user }) {
        if (user.id) getHeldRoles(user.id).catch(() => undefined);
      },
    },
    callbacks: {
      async jwt({ token, account, profile }) {
        if (account && profile) {
          const claims = profile as IdTokenClaims;
          return {
            ...token,
            oid: claims.oid,
            tid: claims.tid,
            upn: claims.preferred_username ?? claims.email,
            portalRoles: claims.roles ?? [],
            accessToken: account.access_token,
            refreshToken: account.refresh_token,
            expiresAt: account.expires_at,
            error: undefined,
          };
        }
        if (!token.expiresAt || Date.now() / 1000 < token.expiresAt - REFRESH_MARGIN_SECONDS) return token;
        if (!token.refreshToken) return { ...token, error: 'RefreshFailed' as const };
        try {
          const refreshed = await refreshAccessToken(token.refreshToken);
          return {
            ...token,
            accessToken: refreshed.accessToken,
            refreshToken: refreshed.refreshToken ?? token.refreshToken,
            expiresAt: refreshed.expiresAt,
          };
        } catch (error) {
          console.warn('[auth] access token refresh failed', (error as Error).message);
          return { ...token, accessToken: undefined, refreshToken: undefined, error: 'RefreshFailed' as const };
        }
      },
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
