'use client';

import Link from 'next/link';
import { ActionButton } from '@/components/ui/action-button';
import type { InboxItem } from '@/lib/notifications/notification-inbox';
import { markNotificationsReadAction } from './actions';

export function NotificationItem({ item }: { item: InboxItem }) {
  return (
    <li
      className="flex flex-wrap items-start justify-between gap-3 p-4"
      data-testid="notification"
      data-kind={item.kind}
      data-read={item.read}
    >
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          {item.read ? null : (
            <span className="mr-2 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs text-white" aria-label="Unread">
              New
            </span>
          )}
          {item.subject}
        </p>
        {item.lines.map((line) => (
          <p key={line} className="text-sm supporting-text">
            {line}
          </p>
        ))}
        {item.tip ? <p className="mt-1 text-sm italic supporting-text">{item.tip}</p> : null}
        <p className="mt-1 flex flex-wrap gap-3 text-sm">
          <Link href={item.link.path} className="text-brand-700 hover:underline dark:text-brand-100">
            {item.link.label}
          </Link>
          <time dateTime={item.at} className="muted">
            {item.at.slice(0, 16).replace('T', ' ')} UTC
          </time>
        </p>
      </div>
      {item.read ? null : (
        <ActionButton variant="secondary" size="sm" action={() => markNotificationsReadAction(item.id)} pendingLabel="Marking…">
          Mark as read
        </ActionButton>
      )}
    </li>
  );
}

export function MarkAllRead() {
  return (
    <ActionButton variant="secondary" align="end" action={() => markNotificationsReadAction('all')} pendingLabel="Marking…">
      Mark all as read
    </ActionButton>
  );
}
