import Link from 'next/link';
import { AutoRefresh } from '@/components/access/auto-refresh';
import { ButtonLink } from '@/components/ui/button-link';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { loadMyRequestsPage } from '@/lib/requests/load-my-requests-page';
import { requireUser } from '@/lib/auth/session';
import { MyRequestsTable } from './my-requests-table';

export const metadata = { title: 'My requests' };

export default async function MyRequestsPage() {
  const user = await requireUser();
  const { requests, apiName } = await loadMyRequestsPage(user);
  const moving = requests.filter((r) => r.status === 'approved' || r.status === 'provisioning');
  return (
    <>
      <PageHeader
        title="My requests"
        description="Every app role you asked for, with where it stands. Open one to see its timeline, cancel it while it waits, or give up a role you no longer need."
        actions={<ButtonLink href="/requests/new">New request</ButtonLink>}
      />
      {moving.length > 0 ? <AutoRefresh everyMs={1000} forMs={60_000} token={moving.map((r) => `${r.id}:${r.version}`).join()} /> : null}
      {requests.length === 0 ? (
        <EmptyState title="No requests yet">
          Find an API in the <Link href="/apis">catalog</Link> and use “Request access” on the role you need.
        </EmptyState>
      ) : (
        <MyRequestsTable requests={requests} apiName={apiName} />
      )}
    </>
  );
}
