import Link from 'next/link';

/** The bell: a link to the notifications page with the unread count, rendered on the server with the page. */
export function NotificationBell({ unread }: { unread: number }) {
  const label = unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
      className="relative grid h-9 w-9 place-items-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
    >
      <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8" strokeLinejoin="round" />
        <path d="M10.3 20a2 2 0 0 0 3.4 0" strokeLinecap="round" />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden
          data-testid="notification-count"
          className="absolute -right-1 -top-1 min-w-5 rounded-full bg-brand-600 px-1 text-center text-xs font-semibold leading-5 text-white"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
