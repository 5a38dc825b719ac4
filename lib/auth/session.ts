import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { redirect } from 'next/navigation';
import { authOptions } from './auth-options';

export const ADMIN_ROLE = 'Portal.Admin';

export interface PortalUser {
  oid: string;
  tid: string;
  name: string;
  upn: string;
  portalRoles: string[];
  isAdmin: boolean;
}

/** The signed-in user's session, read once per request. */
export const getSession = cache(async () => {
  // Signed-in pages depend on the request; never prerender them at build time.
  await connection();
  return getServerSession(authOptions());
});

export const getCurrentUser = cache(async (): Promise<PortalUser | null> => {
  const session = await getSession();
  if (!session || session.error || !session.user.oid) return null;
  const { oid, tid, name, upn, portalRoles } = session.user;
  return { oid, tid, name, upn, portalRoles, isAdmin: portalRoles.includes(ADMIN_ROLE) };
});

async function signInRedirect(reason?: string): Promise<never> {
  const path = (await headers()).get('x-roleport-path') ?? '/';
  const params = new URLSearchParams({ callbackUrl: path });
  if (reason) params.set('reason', reason);
  redirect(`/signin?${params.toString()}`);
}

/** Every protected page and action calls this (or a stricter helper); the proxy only redirects. */
export async function requireUser(): Promise<PortalUser> {
  const session = await getSession();
  if (session?.error) return signInRedirect('expired');
  const user = await getCurrentUser();
  return user ?? signInRedirect();
}

export async function requireAdmin(): Promise<PortalUser> {
  const user = await requireUser();
  if (!user.isAdmin) redirect('/forbidden');
  return user;
}
