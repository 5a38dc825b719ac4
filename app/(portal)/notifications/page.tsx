import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { loadNotificationsPage } from '@/lib/notifications/load-notifications-page';
import { MarkAllRead, NotificationItem } from './notification-item';
import { PreferencesForm } from './preferences-form';

export const metadata = { title: 'Notifications' };

export default async function NotificationsPage() {
  const user = await requireUser();
  const { items, unread, preferences } = await loadNotificationsPage(user);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="What happened to your requests and grants, and the requests waiting for you. Email and Teams get the same news."
        actions={unread > 0 ? <MarkAllRead /> : null}
      />
      {items.length === 0 ? (
        <EmptyState title="Nothing new">You will find here the requests waiting for you and news about your own access.</EmptyState>
      ) : (
        <ul aria-label="Notifications" className="list-panel">
          {items.map((item) => (
            <NotificationItem key={item.id} item={item} />
          ))}
        </ul>
      )}
      <section aria-labelledby="notification-settings" className="mt-10" id="settings">
        <h2 id="notification-settings" className="text-lg font-semibold">
          What you are told about
        </h2>
        <p className="mt-1 text-sm supporting-text">
          Turn off any kind of news, by email or in the portal. The team&apos;s Teams channel is set by the portal&apos;s configuration.
        </p>
        <PreferencesForm initial={preferences} />
      </section>
    </>
  );
}
