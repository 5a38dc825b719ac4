import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth's own test of a callbackUrl (http(s), relative ones against the request): it answers 500 when it fails. */
function validCallbackUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith('/') ? base : undefined).protocol);
  } catch {
    return false;
  }
}

// Options are built per call (cached inside) so configuration is read at run time, not at build time.
async function handler(request: Request, context: RouteContext) {
  const url = new URL(request.url);
  const callbackUrl = url.searchParams.get('callbackUrl');
  if (callbackUrl !== null && !validCallbackUrl(callbackUrl, url.origin)) {
    return Response.json({ error: { code: 'bad_request', message: 'The callbackUrl is not a valid URL.' } }, { status: 400 });
  }
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
