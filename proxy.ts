import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { getConfig } from '@/lib/env';

const PUBLIC_PREFIXES = ['/signin', '/signed-out', '/api/', '/_next/', '/favicon'];

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** Sends signed-out visitors to sign-in and back; authorization itself happens in lib/auth on every page. */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // A malformed percent-escape names no page; without this the router's decoding fails with a 500.
  if (!decodes(pathname)) return new NextResponse('Not found', { status: 404 });
  const forwarded = new Headers(request.headers);
  forwarded.set('x-roleport-path', `${pathname}${search}`);
  if (PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix))) {
    return NextResponse.next({ request: { headers: forwarded } });
  }
  const token = await getToken({ req: request, secret: getConfig().authSecret });
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
