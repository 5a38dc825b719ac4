import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db/portal-database';
import { readSessionToken } from './session-token';
import { sessionState, type PortalUser, type SessionState } from './session-user';

export { ADMIN_ROLE } from './portal-admin';
export type { PortalUser } from './session-user';

/** The request's session, checked once per request: lifetime, sign-out, and admin rights confirmed in Graph. */
const currentSession = cache(async (): Promise<SessionState> => sessionState(await db(), await readSessionToken()));

/** The signed-in user, or null (no session, or one that expired, was signed out, or whose renewal failed). */
export const getCurrentUser = cache(async (): Promise<PortalUser | null> => (await currentSession()).user);

async function signInRedirect(reason?: string): Promise<never> {
  const path = (await headers()).get('x-roleport-path') ?? '/';
  const params = new URLSearchParams({ callbackUrl: path });
  if (reason) params.set('reason', reason);
  redirect(`/signin?${params.toString()}`);
}

/** Every protected page and action calls this (or a stricter helper); the proxy only redirects. */
export async function requireUser(): Promise<PortalUser> {
  const { user, problem } = await currentSession();
  if (problem) return signInRedirect('expired');
  return user ?? signInRedirect();
}

/** Admin pages and actions: the Portal.Admin role, re-confirmed in Graph at most a minute ago. */
export async function requireAdmin(): Promise<PortalUser> {
  const user = await requireUser();
  if (!user.isAdmin) redirect('/forbidden');
  return user;
}
