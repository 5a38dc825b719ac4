import Link from 'next/link';
import { AutoRefresh } from '@/components/access/auto-refresh';
import { RequestStatusBadge } from '@/components/access/request-status-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listMyRequests } from '@/lib/requests/query-requests';
import { requireUser } from '@/lib/auth/session';
import { listIndexedApis } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';

export const metadata = { title: 'My requests' };

const when = (iso: string | null) => (iso ? new Date(iso).toUTCString() : '—');

export default async function MyRequestsPage() {
  const user = await requireUser();
  const database = await db();
  const [requests, apis] = await Promise.all([listMyRequests(database, user), listIndexedApis(database)]);
  const apiName = new Map(apis.map((api) => [api.id, api.displayName]));
  const moving = requests.filter((r) => r.status === 'approved' || r.status === 'provisioning');
  return (
    <>
      <PageHeader
        title="My requests"
        description="Every app role you asked for, with where it stands. Open one to see its timeline, cancel it while it waits, or give up a role you no longer need."
        actions={
          <Link href="/requests/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
            New request
          </Link>
        }
      />
      {moving.length > 0 ? <AutoRefresh everyMs={1000} forMs={60_000} token={moving.map((r) => `${r.id}:${r.version}`).join()} /> : null}
      {requests.length === 0 ? (
        <EmptyState title="No requests yet">
          Find an API in the <Link href="/apis">catalog</Link> and use “Request access” on the role you need.
        </EmptyState>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-2 pr-4">Role</th>
              <th className="py-2 pr-4">API</th>
              <th className="py-2 pr-4">Status</th>
              <th className="py-2 pr-4">Requested</th>
              <th className="py-2">Expires</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} data-testid="my-request" data-request-id={r.id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-2 pr-4">
                  <Link
                    href={`/requests/${encodeURIComponent(r.id)}`}
                    className="font-mono font-medium text-brand-700 hover:underline dark:text-brand-100"
                  >
                    {r.roleValue}
                  </Link>
                </td>
                <td className="py-2 pr-4">{apiName.get(r.apiId) ?? r.apiId}</td>
                <td className="py-2 pr-4">
                  <RequestStatusBadge status={r.status} />
                </td>
                <td className="py-2 pr-4">{when(r.createdAt)}</td>
                <td className="py-2">{when(r.expiresAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
