import Link from 'next/link';
import { AutoRefresh } from '@/components/access/auto-refresh';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { loadMySubscriptionsPage } from '@/lib/provisioning/load-products-page';
import { SubscriptionKeys } from './subscription-keys';

export const metadata = { title: 'My subscriptions' };

export default async function MySubscriptionsPage() {
  const user = await requireUser();
  const subscriptions = await loadMySubscriptionsPage(user);
  const moving = subscriptions.filter((s) => s.state === 'being created');
  return (
    <>
      <PageHeader
        title="My subscriptions"
        description="Your API Management product subscriptions and their keys. Keys stay hidden until you reveal them; every reveal is recorded."
      />
      {moving.length > 0 ? <AutoRefresh everyMs={1000} forMs={60_000} token={moving.map((s) => s.request?.id).join()} /> : null}
      {subscriptions.length === 0 ? (
        <EmptyState title="No subscriptions yet">
          Subscribe to a <Link href="/products">product</Link> to get a key.
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {subscriptions.map((s) => (
            <li
              key={s.subscriptionId ?? s.request?.id}
              data-testid={`subscription-${s.productId}`}
              className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
            >
              <div className="mb-2 flex flex-wrap items-baseline gap-3">
                <Link href={`/products/${encodeURIComponent(s.productId)}`} className="font-medium">
                  {s.productName}
                </Link>
                <span data-testid="subscription-state">{s.state}</span>
                {s.request ? (
                  <Link href={`/requests/${s.request.id}`} className="text-xs">
                    request
                  </Link>
                ) : (
                  <span className="text-xs muted">made in API Management</span>
                )}
              </div>
              {s.hasKeys && s.subscriptionId ? <SubscriptionKeys subscriptionId={s.subscriptionId} productName={s.productName} /> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
