import Link from 'next/link';
import { RequestStatusBadge } from '@/components/access/request-status-badge';
import { Table } from '@/components/ui/table';
import type { AccessRequestView } from '@/lib/requests/request-view';

const when = (iso: string | null) => (iso ? new Date(iso).toUTCString() : '—');

/** The requester's own requests, newest first, each linking to its timeline. */
export function MyRequestsTable({ requests, apiName }: { requests: AccessRequestView[]; apiName: Map<string, string> }) {
  return (
    <Table
      caption="My requests"
      columns={[{ label: 'Role' }, { label: 'API' }, { label: 'Status' }, { label: 'Requested' }, { label: 'Expires' }]}
      className="text-sm"
    >
      {requests.map((r) => (
        <tr key={r.id} data-testid="my-request" data-request-id={r.id}>
          <td>
            <Link
              href={`/requests/${encodeURIComponent(r.id)}`}
              prefetch={false}
              className="font-mono font-medium text-brand-700 hover:underline dark:text-brand-100"
            >
              {r.roleValue}
            </Link>
            {r.client ? <span className="block text-xs muted">for {r.client.displayName}</span> : null}
          </td>
          <td>{r.kind === 'subscription' ? 'product subscription' : (apiName.get(r.apiId) ?? r.apiId)}</td>
          <td>
            <RequestStatusBadge status={r.status} />
          </td>
          <td>{when(r.createdAt)}</td>
          <td>{when(r.expiresAt)}</td>
        </tr>
      ))}
    </Table>
  );
}
