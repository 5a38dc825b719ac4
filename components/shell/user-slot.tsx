import Link from 'next/link';
import { ButtonLink } from '@/components/ui/button-link';
import type { PortalUser } from '@/lib/auth/session';
import { NotificationBell } from './notification-bell';

export function UserSlot({ user, unreadNotifications = 0 }: { user: PortalUser | null; unreadNotifications?: number }) {
  if (!user) {
    return (
      <Link href="/signin" className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-100">
        Sign in
      </Link>
    );
  }
  return (
    <div className="flex items-center gap-3 text-sm">
      <NotificationBell unread={unreadNotifications} />
      <div className="text-right leading-tight" data-testid="signed-in-user">
        <div className="font-medium">{user.name}</div>
        <div className="text-xs muted">
          {user.upn}
          {user.isAdmin ? ' · admin' : ''}
        </div>
      </div>
      <ButtonLink href="/signout" variant="secondary">
        Sign out
      </ButtonLink>
    </div>
  );
}
