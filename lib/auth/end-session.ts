import 'server-only';
import { cookies } from 'next/headers';
import { db } from '@/lib/db/portal-database';
import { SESSION_COOKIE_NAMES } from './session-cookies';
import { sessionEndsAt } from './session-lifetime';
import { revokeSession } from './session-revocation';
import { readSessionToken } from './session-token';

/**
 * Signs the current session out on the server: its id is recorded as revoked, so the cookie stops working everywhere
 * (a copy included), and the browser's session cookies are cleared.
 */
export async function endCurrentSession(): Promise<void> {
  const token = await readSessionToken();
  const end = token && sessionEndsAt(token);
  if (token?.sid && end) await revokeSession(await db(), token.sid, end);
  const jar = await cookies();
  for (const cookie of jar.getAll()) {
    if (SESSION_COOKIE_NAMES.some((name) => cookie.name === name || cookie.name.startsWith(`${name}.`))) jar.delete(cookie.name);
  }
}
