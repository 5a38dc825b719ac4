import 'server-only';
import type { Kysely } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';

/**
 * Ends a session on the server: its cookie, even a copy taken before sign-out, is refused from now on. The row is
 * kept until `expiresAt`, when the session's absolute lifetime would have ended it anyway; older rows are purged here.
 */
export async function revokeSession(db: Kysely<Database>, sessionId: string, expiresAt: Date): Promise<void> {
  const now = nowIso();
  await db.deleteFrom('session_revocation').where('expires_at', '<', now).execute();
  await db
    .insertInto('session_revocation')
    .values({ session_id: sessionId, revoked_at: now, expires_at: expiresAt.toISOString(), created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('session_id').doNothing())
    .execute();
}

export async function isSessionRevoked(db: Kysely<Database>, sessionId: string): Promise<boolean> {
  const row = await db.selectFrom('session_revocation').select('session_id').where('session_id', '=', sessionId).executeTakeFirst();
  return row !== undefined;
}
