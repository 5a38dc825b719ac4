import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import type { ReconciliationRun } from '@/lib/provisioning/last-reconciliation';
import { Pagination } from '@/components/ui/pagination';
import { loadWhoHasWhatPage, WHO_HAS_WHAT_PAGE_SIZE } from '@/lib/provisioning/load-who-has-what-page';
import { parseWhoHasWhatFilters, whoHasWhatQuery } from '@/lib/provisioning/who-has-what-filters';
import { plural } from '@/lib/text/plural';
import { AccessFiltersForm } from './access-filters-form';
import { TOKENS_STAY_VALID } from '@/lib/provisioning/revoke-grant';
import { requireAdmin } from '@/lib/auth/session';
import { GrantsTable } from './grants-table';
import { ReconcileNowButton } from './reconcile-now-button';
import { SubscriptionsSection } from './subscriptions-section';

export const metadata = { title: 'Who has what' };

const when = (iso: string | null) => (iso ? new Date(iso).toUTCString() : '—');

function ranBy(run: ReconciliationRun): string {
  return run.trigger === 'admin' && run.actorName ? `by ${run.actorName}` : 'on schedule';
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function WhoHasWhatPage({ searchParams }: { searchParams: Search }) {
  const user = await requireAdmin();
  const search = await searchParams;
  const filters = parseWhoHasWhatFilters(search);
  const revoked = typeof search.revoked === 'string' ? search.revoked.slice(0, 100) : undefined;
  const { sections, apiCount, holderCount, page, apis, revocation, subscriptions, subscriptionRun } = await loadWhoHasWhatPage(
    user,
    revoked,
    filters,
  );
  const filtered = Boolean(filters.q || filters.api);
  return (
    <>
      <PageHeader
        title="Who has what"
        description="For each API: the grants Roleport made, and every other assignment Entra holds on its app registration (made in the Entra admin center or by scripts), as of the last comparison with Entra. For each product: who holds a subscription, made through Roleport or in API Management."
        actions={<ReconcileNowButton />}
      />
      {revocation ? (
        <div data-testid="revocation-notice" data-request-id={revocation.id}>
          <Notice
            tone="success"
            title={`${revocation.roleValue} of ${revocation.client?.displayName ?? revocation.requester.name}: ${revocation.status === 'revoked' ? 'revoked' : 'being removed'}`}
          >
            {TOKENS_STAY_VALID}
          </Notice>
        </div>
      ) : (
        <Notice tone="info">{TOKENS_STAY_VALID}</Notice>
      )}
      {apis.length > 0 ? <AccessFiltersForm filters={filters} apis={apis} /> : null}
      {apis.length > 0 ? (
        <p className="mb-3 text-sm supporting-text" aria-live="polite" data-testid="access-count">
          {plural(holderCount, 'holder')} across {plural(apiCount, 'API')}
          {filtered ? ' matching the filters' : ''}
        </p>
      ) : null}
      {sections.length === 0 && filtered && !subscriptions?.holderCount ? (
        <EmptyState title="Nobody matches">Try another name or role, or clear the filters.</EmptyState>
      ) : null}
      {apis.length === 0 ? (
        <EmptyState title="No API is linked to an app registration yet">
          Grants appear here once an API validates Entra tokens for an app registration: map one in the policy studio, then refresh the
          catalog.
        </EmptyState>
      ) : null}
      {sections.map(({ api, run, removedInEntra, error, grants, external }) => (
        <section key={api.id} aria-label={api.displayName} data-testid="access-api" data-api-id={api.id} className="mb-10">
          <h2 className="mb-2 text-lg font-semibold">
            <Link href={`/apis/${encodeURIComponent(api.id)}`} className="hover:underline">
              {api.displayName}
            </Link>
          </h2>
          <p className="mb-2 text-xs muted" data-testid="reconciled-at" data-ran-at={run?.ranAt ?? ''}>
            {run ? `Compared with Entra ${when(run.ranAt)} (${ranBy(run)}).` : 'Not compared with Entra yet.'}
          </p>
          {error ? <Notice tone="warn">{error}</Notice> : null}
          {removedInEntra.length > 0 ? (
            <Notice tone="warn" title="Removed in Entra outside Roleport">
              {removedInEntra.map((r) => `${r.roleValue} of ${r.requesterName}`).join('; ')} — marked revoked.
            </Notice>
          ) : null}
          <GrantsTable apiName={api.displayName} grants={grants} external={external} tokensNote={TOKENS_STAY_VALID} />
        </section>
      ))}
      <Pagination
        page={page}
        pageSize={WHO_HAS_WHAT_PAGE_SIZE}
        total={apiCount}
        noun={['API', 'APIs']}
        href={(n) => `/admin/access?${whoHasWhatQuery(filters, n, filters.subscriptionPage)}`}
      />
      {subscriptions ? (
        <SubscriptionsSection
          {...subscriptions}
          ranAt={subscriptionRun?.ranAt ?? null}
          error={subscriptionRun?.error ?? null}
          href={(n) => `/admin/access?${whoHasWhatQuery(filters, page, n)}`}
        />
      ) : null}
    </>
  );
}
