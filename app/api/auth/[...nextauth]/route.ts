import NextAuth from 'next-auth';
import type { NextAuthOptions } from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options';
import { getHeldRoles } from '@/lib/directory/held-roles';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth's own test of a callbackUrl (http(s), relative ones against the request): it answers 500 when it fails. */
function validCallbackUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith('/') ? base : undefined).protocol);
  } catch {
    return false;
  }
}

let signInOptions: NextAuthOptions | undefined;

/**
 * next-auth's options plus the sign-in warm-up: start reading the user's roles from Graph now, so the first page after
 * sign-in finds them (nearly) ready. The event gets the user as profile() shaped it, whose id is the object id. The
 * warm-up lives here, where sign-in is served, because the directory's read model builds on the catalog and auth
 * sits below both.
 */
function options(): NextAuthOptions {
  if (signInOptions) return signInOptions;
  const base = authOptions();
  signInOptions = {
    ...base,
    events: {
      ...base.events,
      signIn({ user }) {
        if (user.id) getHeldRoles(user.id).catch(() => undefined);
      },
    },
  };
  return signInOptions;
}

// Options are built per call (cached inside) so configuration is read at run time, not at build time.
async function handler(request: Request, context: RouteContext) {
  const url = new URL(request.url);
  const callbackUrl = url.searchParams.get('callbackUrl');
  if (callbackUrl !== null && !validCallbackUrl(callbackUrl, url.origin)) {
    return Response.json({ error: { code: 'bad_request', message: 'The callbackUrl is not a valid URL.' } }, { status: 400 });
  }
  return NextAuth(request as never, context as never, options());
}

export { handler as GET, handler as POST };
