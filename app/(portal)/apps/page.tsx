import Link from 'next/link';
import { RequestStatusBadge } from '@/components/access/request-status-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { Table } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/session';
import { loadMyAppsPage, type MyApp } from '@/lib/requests/load-my-apps-page';
import type { AccessRequestView } from '@/lib/requests/request-view';

export const metadata = { title: 'My apps' };

function RequestList({ requests }: { requests: AccessRequestView[] }) {
  if (requests.length === 0) return <p className="text-sm muted">No open requests.</p>;
  return (
    <ul className="space-y-1 text-sm">
      {requests.map((r) => (
        <li key={r.id} data-testid="app-request" data-request-id={r.id} className="flex flex-wrap items-center gap-2">
          <Link href={`/requests/${encodeURIComponent(r.id)}`} className="font-mono text-brand-700 hover:underline dark:text-brand-100">
            {r.roleValue}
          </Link>
          <span className="muted">on {r.apiId}</span>
          <RequestStatusBadge status={r.status} />
          {r.client?.managedIdentity ? <span className="text-xs muted">for {r.client.displayName}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function AppCard({ app }: { app: MyApp }) {
  const { client, holds, requests } = app;
  return (
    <section aria-label={client.displayName} data-testid="my-app" data-app-id={client.appId} className="panel">
      <h2 className="text-base font-semibold">{client.displayName}</h2>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 text-xs supporting-text">
        <dt>Client id</dt>
        <dd className="font-mono">{client.appId}</dd>
        <dt>Service principal</dt>
        <dd className="font-mono">{client.servicePrincipalId}</dd>
        <dt>You own</dt>
        <dd>{client.owns.join(' and ')}</dd>
      </dl>
      {client.refusal ? (
        <div className="mt-3" data-testid="app-refusal">
          <Notice tone="warn" title="Roles cannot be requested for it">
            {client.refusal}
          </Notice>
        </div>
      ) : null}
      <h3 className="mt-3 text-sm font-medium">App roles it holds</h3>
      {holds.length === 0 ? (
        <p className="text-sm muted">None on the catalog’s APIs.</p>
      ) : (
        <Table
          caption={`App roles ${client.displayName} holds`}
          columns={[{ label: 'Role' }, { label: 'API' }, { label: 'Since' }]}
          className="text-sm"
        >
          {holds.map((h) => (
            <tr key={`${h.resourceName}:${h.roleValue}`} data-testid="app-holds" data-role={h.roleValue}>
              <td className="font-mono">{h.roleValue}</td>
              <td>
                {h.apis.length
                  ? h.apis.map((api, i) => (
                      <span key={api.id}>
                        {i > 0 ? ', ' : null}
                        <Link href={`/apis/${encodeURIComponent(api.id)}`} className="hover:underline">
                          {api.displayName}
                        </Link>
                      </span>
                    ))
                  : h.resourceName}
              </td>
              <td>{new Date(h.assignedAt).toUTCString()}</td>
            </tr>
          ))}
        </Table>
      )}
      <h3 className="mt-3 text-sm font-medium">Requests</h3>
      <RequestList requests={requests} />
    </section>
  );
}

export default async function MyAppsPage() {
  const user = await requireUser();
  const { apps, managedIdentityRequests, error } = await loadMyAppsPage(user);
  return (
    <>
      <PageHeader
        title="My apps"
        description="The app registrations and service principals you own in Microsoft Entra, the app roles each holds (what its client-credentials tokens carry), and the requests for them. Request a role for one from an API's page."
      />
      {error ? <Notice tone="warn">{error}</Notice> : null}
      {apps.length === 0 && !error ? (
        <EmptyState title="You own no applications">
          Roleport lists the app registrations and service principals whose owner you are in Entra. Find an API in the{' '}
          <Link href="/apis">catalog</Link> to request a role for one, or for a managed identity.
        </EmptyState>
      ) : (
        <div className="grid gap-4">
          {apps.map((app) => (
            <AppCard key={app.client.servicePrincipalId} app={app} />
          ))}
        </div>
      )}
      {managedIdentityRequests.length > 0 ? (
        <section aria-label="Managed identities" className="mt-6">
          <h2 className="mb-2 text-base font-semibold">Your requests for managed identities</h2>
          <RequestList requests={managedIdentityRequests} />
        </section>
      ) : null}
    </>
  );
}
