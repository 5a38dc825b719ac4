import 'next-auth';
import 'next-auth/jwt';

/** Why a session can no longer be used: its token could not be renewed, or it ended (lifetime, sign-out). */
type SessionError = 'RefreshFailed' | 'SessionEnded';

declare module 'next-auth' {
  interface Session {
    user: { oid: string; tid: string; name: string; upn: string; portalRoles: string[] };
    error?: SessionError;
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
    /** Random id of this sign-in, so sign-out can end it on the server (see session_revocation). */
    sid?: string;
    /** When the user signed in (seconds since the epoch); the session ends a fixed lifetime after it. */
    startedAt?: number;
    error?: SessionError;
  }
}
