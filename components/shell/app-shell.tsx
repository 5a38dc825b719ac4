import Link from 'next/link';
import type { PortalUser } from '@/lib/auth/session';
import { NavLinks } from './nav-links';
import type { NavItem } from './nav-items';
import { UserSlot } from './user-slot';

interface AppShellProps {
  user: PortalUser | null;
  portalNav: NavItem[];
  adminNav: NavItem[];
  /** The bell's number: the user's unread notifications. */
  unreadNotifications?: number;
  children: React.ReactNode;
}

export function AppShell({ user, portalNav, adminNav, unreadNotifications, children }: AppShellProps) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
          <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
            <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
              R
            </span>
            Roleport
          </Link>
          <nav aria-label="Main" className="flex flex-1 flex-wrap items-center gap-2">
            <NavLinks items={portalNav} label="Portal" />
            {adminNav.length > 0 ? (
              <>
                <span aria-hidden className="mx-1 hidden h-5 w-px bg-slate-200 sm:block dark:bg-slate-700" />
                <NavLinks items={adminNav} label="Admin" />
              </>
            ) : null}
          </nav>
          <UserSlot user={user} unreadNotifications={unreadNotifications} />
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-8">{children}</main>
      <footer className="border-t border-slate-200 py-4 text-center text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
        Roleport — access to APIs behind Azure API Management, granted as Entra app roles.
      </footer>
    </div>
  );
}
