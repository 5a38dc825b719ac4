import 'server-only';
import { getCurrentUser } from '@/lib/auth/session';
import { AppShell } from './app-shell';
import { ADMIN_NAV, PORTAL_NAV } from './nav-items';

/** The app shell for signed-in pages; admin navigation only for admins. */
export async function SignedInShell({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <AppShell user={user} portalNav={PORTAL_NAV} adminNav={user?.isAdmin ? ADMIN_NAV : []}>
      {children}
    </AppShell>
  );
}
