import 'server-only';
import { countPendingForApprover, isApprover } from '@/lib/approvals/list-approval-queue';
import { getCurrentUser } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { AppShell } from './app-shell';
import { adminNav, PORTAL_NAV } from './nav-items';
import { SessionKeeper } from './session-keeper';

async function adminItems(user: Awaited<ReturnType<typeof getCurrentUser>>) {
  if (!user) return [];
  const database = await db();
  const approver = await isApprover(database, user);
  const pendingApprovals = approver ? await countPendingForApprover(database, user) : 0;
  return adminNav({ isAdmin: user.isAdmin, isApprover: approver, pendingApprovals });
}

/** The app shell for signed-in pages; admin navigation only for admins and approvers. */
export async function SignedInShell({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <SessionKeeper>
      <AppShell user={user} portalNav={PORTAL_NAV} adminNav={await adminItems(user)}>
        {children}
      </AppShell>
    </SessionKeeper>
  );
}
