import 'server-only';
import type { Kysely } from 'kysely';
import type { JWT } from 'next-auth/jwt';
import type { Database } from '@/lib/db/types';
import { ADMIN_ROLE, holdsPortalAdmin } from './portal-admin';
import { isPastLifetime } from './session-lifetime';
import { isSessionRevoked } from './session-revocation';

export interface PortalUser {
  oid: string;
  tid: string;
  name: string;
  upn: string;
  portalRoles: string[];
  isAdmin: boolean;
}

/** A session that cannot be used: renewal failed or it ended (lifetime reached, signed out, or from before either). */
export type SessionProblem = 'expired' | 'ended';

export type SessionState = { user: PortalUser; problem: null } | { user: null; problem: SessionProblem | null };

/** Why this session token cannot be used, or null when it can. Every place that reads the session asks this. */
export async function sessionProblem(db: Kysely<Database>, token: JWT): Promise<SessionProblem | null> {
  if (token.error === 'RefreshFailed') return 'expired';
  if (token.error || isPastLifetime(token)) return 'ended';
  if (await isSessionRevoked(db, token.sid as string)) return 'ended';
  return null;
}

/**
 * The signed-in user behind a session token. Admin rights need both the role in the token and Graph confirming it
 * now (cached briefly), so an admin whose role was removed loses admin pages and actions within a minute.
 */
export async function sessionState(db: Kysely<Database>, token: JWT | null): Promise<SessionState> {
  if (!token) return { user: null, problem: null };
  const problem = await sessionProblem(db, token);
  if (problem) return { user: null, problem };
  if (!token.oid) return { user: null, problem: 'ended' };
  const portalRoles = token.portalRoles ?? [];
  const isAdmin = portalRoles.includes(ADMIN_ROLE) && (await holdsPortalAdmin(token.oid));
  const user: PortalUser = {
    oid: token.oid,
    tid: token.tid ?? '',
    name: token.name ?? '',
    upn: token.upn ?? '',
    portalRoles: isAdmin ? portalRoles : portalRoles.filter((r) => r !== ADMIN_ROLE),
    isAdmin,
  };
  return { user, problem: null };
}
