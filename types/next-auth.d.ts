import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    user: { oid: string; tid: string; name: string; upn: string; portalRoles: string[] };
    error?: 'RefreshFailed';
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    oid?: string;
    tid?: string;
    upn?: string;
    portalRoles?: string[];
    accessToken?: string;
    refreshToken?: string;
    expiresAt?: number;
    error?: 'RefreshFailed';
  }
}
