import Link from 'next/link';
import { RequestStatusBadge } from '@/components/access/request-status-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { getRequestForUser, listGrants } from '@/lib/requests/query-requests';
import { lastReconciliation, type ReconciliationRun } from '@/lib/provisioning/last-reconciliation';
import { TOKENS_STAY_VALID } from '@/lib/provisioning/revoke-grant';
import { requireAdmin, type PortalUser } from '@/lib/auth/session';
import { listIndexedApis } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';
import { RevokeGrantForm } from '@/components/access/revoke-grant-form';
import { ReconcileNowButton } from './reconcile-now-button';

export const metadata = { title: 'Who has what' };

const when = (iso: string | null) => (iso ? new Date(iso).toUTCString() : '—');

function ranBy(run: ReconciliationRun): string {
  return run.trigger === 'admin' && run.actorName ? `by ${run.actorName}` : 'on schedule';
}

/** Roleport's grants and the last stored comparison with Entra; viewing the page changes nothing. */
async function loadAccess(user: PortalUser) {
  const database = await db();
  const apis = (await listIndexedApis(database)).filter((api) => api.appId !== null);
  const [runs, grants] = await Promise.all([lastReconciliation(database, user), listGrants(database, user)]);
  return apis.map((api) => {
    const run = runs.get(api.id) ?? null;
    return { api, run, report: run?.report ?? null, error: run?.error ?? null, grants: grants.filter((g) => g.apiId === api.id) };
  });
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function WhoHasWhatPage({ searchParams }: { searchParams: Search }) {
  const user = await requireAdmin();
  const { revoked } = await searchParams;
  const [sections, revocation] = await Promise.all([
    loadAccess(user),
    typeof revoked === 'string' ? getRequestForUser(await db(), user, revoked.slice(0, 100)) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Who has what"
        description="For each API: the grants Roleport made, and every other assignment Entra holds on its app registration (made in the Entra admin center or by scripts), as of the last comparison with Entra."
        actions={<ReconcileNowButton />}
      />
      {revocation ? (
        <div data-testid="revocation-notice" data-request-id={revocation.id}>
          <Notice
            tone="success"
            title={`${revocation.roleValue} of ${revocation.requester.name}: ${revocation.status === 'revoked' ? 'revoked' : 'being removed'}`}
          >
            {TOKENS_STAY_VALID}
          </Notice>
        </div>
      ) : (
        <Notice tone="info">{TOKENS_STAY_VALID}</Notice>
      )}
      {sections.length === 0 ? <EmptyState title="No API is linked to an app registration yet" /> : null}
      {sections.map(({ api, run, report, error, grants }) => (
        <section key={api.id} aria-label={api.displayName} data-testid="access-api" data-api-id={api.id} className="mb-10">
          <h2 className="mb-2 text-lg font-semibold">
            <Link href={`/apis/${encodeURIComponent(api.id)}`} className="hover:underline">
              {api.displayName}
            </Link>
          </h2>
          <p className="mb-2 text-xs text-slate-500" data-testid="reconciled-at" data-ran-at={run?.ranAt ?? ''}>
            {run ? `Compared with Entra ${when(run.ranAt)} (${ranBy(run)}).` : 'Not compared with Entra yet.'}
          </p>
          {error ? <Notice tone="warn">{error}</Notice> : null}
          {report && report.removedInEntra.length > 0 ? (
            <Notice tone="warn" title="Removed in Entra outside Roleport">
              {report.removedInEntra.map((r) => `${r.roleValue} of ${r.requesterName}`).join('; ')} — marked revoked.
            </Notice>
          ) : null}
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-2 pr-4">Who</th>
                <th className="py-2 pr-4">Role</th>
                <th className="py-2 pr-4">Source</th>
                <th className="py-2 pr-4">Since</th>
                <th className="py-2 pr-4">Expires</th>
                <th className="py-2" />
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => (
                <tr
                  key={g.id}
                  data-testid="roleport-grant"
                  data-request-id={g.id}
                  className="border-t border-slate-200 align-top dark:border-slate-800"
                >
                  <td className="py-2 pr-4">{g.requester.name}</td>
                  <td className="py-2 pr-4 font-mono">{g.roleValue}</td>
                  <td className="py-2 pr-4">
                    <Link href={`/requests/${encodeURIComponent(g.id)}`} className="mr-2 hover:underline">
                      Roleport
                    </Link>
                    <RequestStatusBadge status={g.status} />
                    {g.grantKind === 'group' ? <span className="ml-1 text-xs text-slate-500">via group</span> : null}
                  </td>
                  <td className="py-2 pr-4">{when(g.activatedAt ?? g.decidedAt)}</td>
                  <td className="py-2 pr-4">{when(g.expiresAt)}</td>
                  <td className="py-2">
                    {g.status === 'active' ? (
                      <RevokeGrantForm
                        requestId={g.id}
                        version={g.version}
                        roleValue={g.roleValue}
                        holderName={g.requester.name}
                        tokensNote={TOKENS_STAY_VALID}
                        afterRevoke={`/admin/access?revoked=${encodeURIComponent(g.id)}`}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
              {report?.external.map((a) => (
                <tr key={a.assignmentId} data-testid="external-assignment" className="border-t border-slate-200 dark:border-slate-800">
                  <td className="py-2 pr-4">
                    {a.principalDisplayName}{' '}
                    <span className="text-xs text-slate-500">
                      ({a.principalType === 'ServicePrincipal' ? 'application' : a.principalType.toLowerCase()})
                    </span>
                  </td>
                  <td className="py-2 pr-4 font-mono">{a.roleValue || <span className="text-amber-700">a role no longer defined</span>}</td>
                  <td className="py-2 pr-4">
                    <span className="rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
                      Outside Roleport
                    </span>
                  </td>
                  <td className="py-2 pr-4">{when(a.createdAt)}</td>
                  <td className="py-2 pr-4">—</td>
                  <td className="py-2 text-xs text-slate-500">Manage in Entra</td>
                </tr>
              ))}
              {grants.length === 0 && (report?.external.length ?? 0) === 0 ? (
                <tr>
                  <td colSpan={6} className="py-2 text-slate-500">
                    Nobody holds a role of this API.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
