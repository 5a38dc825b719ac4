import 'server-only';
import { loadApproverNav } from '@/lib/approvals/load-approver-nav';
import { getCurrentUser } from '@/lib/auth/session';
import { loadUnreadNotifications } from '@/lib/notifications/load-notifications-page';
import { AppShell } from './app-shell';
import { adminNav, PORTAL_NAV } from './nav-items';
import { SessionKeeper } from './session-keeper';

async function adminItems(user: Awaited<ReturnType<typeof getCurrentUser>>) {
  if (!user) return [];
  return adminNav({ isAdmin: user.isAdmin, ...(await loadApproverNav(user)) });
}

/** The app shell for signed-in pages; admin navigation only for admins and approvers. */
export async function SignedInShell({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <>
      <SessionKeeper />
      <AppShell
        user={user}
        portalNav={PORTAL_NAV}
        adminNav={await adminItems(user)}
        unreadNotifications={user ? await loadUnreadNotifications(user) : 0}
      >
        {children}
      </AppShell>
    </>
  );
}
