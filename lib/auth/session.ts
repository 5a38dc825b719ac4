import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { readSessionToken } from './session-token';

export const ADMIN_ROLE = 'Portal.Admin';

export interface PortalUser {
  oid: string;
  tid: string;
  name: string;
  upn: string;
  portalRoles: string[];
  isAdmin: boolean;
}

/** The signed-in user, or null (no session, or one whose renewal failed). Read once per request. */
export const getCurrentUser = cache(async (): Promise<PortalUser | null> => {
  const token = await readSessionToken();
  if (!token || token.error || !token.oid) return null;
  const portalRoles = token.portalRoles ?? [];
  return {
    oid: token.oid,
    tid: token.tid ?? '',
    name: token.name ?? '',
    upn: token.upn ?? '',
    portalRoles,
    isAdmin: portalRoles.includes(ADMIN_ROLE),
  };
});

async function signInRedirect(reason?: string): Promise<never> {
  const path = (await headers()).get('x-roleport-path') ?? '/';
  const params = new URLSearchParams({ callbackUrl: path });
  if (reason) params.set('reason', reason);
  redirect(`/signin?${params.toString()}`);
}

/** Every protected page and action calls this (or a stricter helper); the proxy only redirects. */
export async function requireUser(): Promise<PortalUser> {
  if ((await readSessionToken())?.error) return signInRedirect('expired');
  const user = await getCurrentUser();
  return user ?? signInRedirect();
}

export async function requireAdmin(): Promise<PortalUser> {
  const user = await requireUser();
  if (!user.isAdmin) redirect('/forbidden');
  return user;
}
