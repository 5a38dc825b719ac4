import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { usesSecureCookies } from '@/lib/auth/session-cookies';
import { getConfig } from '@/lib/env';
import { contentSecurityPolicy, newNonce } from '@/lib/http/content-security-policy';
import { isDecodablePath, isPublicPath } from '@/lib/http/public-paths';

// Browsers remember https for a year once they have seen the portal over it.
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Sends signed-out visitors to sign-in and back, and gives every response its security headers: a CSP with a fresh
 * nonce (Next.js reads it from the forwarded request header), and HSTS in Azure mode. Authorization itself happens in
 * lib/auth on every page and action.
 */
export async function proxy(request: NextRequest) {
  const config = getConfig();
  const { pathname, search } = request.nextUrl;
  const csp = contentSecurityPolicy(newNonce(), {
    development: config.development,
    https: config.publicUrl.startsWith('https://'),
  });
  const forwarded = new Headers(request.headers);
  forwarded.set('x-roleport-path', `${pathname}${search}`);
  forwarded.set('content-security-policy', csp);

  const response = await route(request, forwarded);
  response.headers.set('content-security-policy', csp);
  if (config.mode === 'azure') response.headers.set('strict-transport-security', HSTS);
  return response;
}

async function route(request: NextRequest, forwarded: Headers): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  // No page has a name with a broken percent-escape; answering here keeps pages from failing on decoding it.
  if (!isDecodablePath(pathname)) {
    return NextResponse.rewrite(new URL('/_not-found', request.url), { request: { headers: forwarded } });
  }
  if (isPublicPath(pathname)) return NextResponse.next({ request: { headers: forwarded } });
  const { authSecret, publicUrl } = getConfig();
  // The same cookie next-auth sets: `__Secure-` prefixed behind https, whatever NEXTAUTH_URL says.
  const token = await getToken({ req: request, secret: authSecret, secureCookie: usesSecureCookies(publicUrl) });
  if (!token || token.error) {
    const url = new URL('/signin', request.url);
    url.searchParams.set('callbackUrl', `${pathname}${search}`);
    if (token?.error) url.searchParams.set('reason', 'expired');
    return NextResponse.redirect(url);
  }
  return NextResponse.next({ request: { headers: forwarded } });
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
