import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per call (cached inside) so configuration is read at run time, not at build time.
async function handler(request: Request, context: RouteContext) {
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
