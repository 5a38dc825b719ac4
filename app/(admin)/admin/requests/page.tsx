import Link from 'next/link';
import { ApplicationGrantNotice } from '@/components/access/application-grant-notice';
import { describeGrant } from '@/lib/requests/request-view';
import { JustificationText } from '@/components/access/justification-text';
import { RoleOperationsList } from '@/components/access/role-operations-list';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { APPROVAL_QUEUE_PAGE_SIZE, loadApprovalsPage } from '@/lib/approvals/load-approvals-page';
import { Pagination } from '@/components/ui/pagination';
import { requireApprover } from '@/lib/approvals/require-approver';
import { roleOperationsKey } from '@/lib/requests/role-operations';
import { DecidedNotice } from './decided-notice';
import { DecisionForm } from '@/components/access/decision-form';
import { parseQueueFilter, QueueFilters } from './queue-filters';
import { RetryButton } from '@/components/access/retry-button';
import { RequesterHoldingsLine } from './requester-holdings-line';
import { plural } from '@/lib/text/plural';

export const metadata = { title: 'Approvals' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const waited = (createdAt: string, now: number) => {
  const hours = Math.floor((now - Date.parse(createdAt)) / 3_600_000);
  return hours < 1 ? 'less than an hour' : hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
};

/** The queue's URL with its filters and a page cursor (`after`/`before`), so a shared link shows the same page. */
function queueHref(filter: ReturnType<typeof parseQueueFilter>, cursor: { after?: string; before?: string }): string {
  const params = Object.entries({
    api: filter.apiId,
    role: filter.roleValue,
    requester: filter.requesterOid,
    age: filter.olderThanDays === undefined ? undefined : String(filter.olderThanDays),
    ...cursor,
  }).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return params.length > 0 ? `/admin/requests?${new URLSearchParams(params).toString()}` : '/admin/requests';
}

export default async function ApprovalsPage({ searchParams }: { searchParams: Search }) {
  const user = await requireApprover();
  const search = await searchParams;
  const filter = parseQueueFilter(search);
  const decidedId = typeof search.decided === 'string' ? search.decided.slice(0, 100) : '';
  const { page, badCursor, facets, shown, failed, decided, operations, holdings, ownWaiting, apiName, now } = await loadApprovalsPage(
    user,
    filter,
    decidedId,
    { after: search.after, before: search.before },
  );
  const pageNumber = Math.floor(page.before / APPROVAL_QUEUE_PAGE_SIZE) + 1;
  const pageHref = (n: number) =>
    queueHref(filter, n < pageNumber ? (n <= 1 ? {} : { before: page.prevCursor ?? '' }) : { after: page.nextCursor ?? '' });
  const name = (apiId: string) => apiName.get(apiId) ?? apiId;
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Requests for roles of APIs whose app registration you own, and for subscriptions to products whose approver group you are in (every request, for portal admins). Your own requests are decided by someone else."
      />
      {decided ? <DecidedNotice request={decided} apiName={name(decided.apiId)} userOid={user.oid} /> : null}
      {ownWaiting.length > 0 ? (
        <p className="mb-4 text-sm text-slate-700 dark:text-slate-300" data-testid="own-waiting">
          Your own {ownWaiting.length === 1 ? 'request' : 'requests'} (
          {ownWaiting
            .map((r) => (r.kind === 'subscription' ? `a subscription to ${r.roleValue}` : `${r.roleValue} on ${name(r.apiId)}`))
            .join(', ')}
          ) {ownWaiting.length === 1 ? 'waits' : 'wait'} for another approver: nobody decides their own request.{' '}
          <Link href="/requests" className="underline">
            My requests
          </Link>
        </p>
      ) : null}
      <QueueFilters facets={facets} filter={filter} apiName={apiName} />
      <p className="mb-3 text-sm supporting-text" aria-live="polite" data-testid="queue-count">
        {page.total === facets.total || badCursor
          ? `${plural(facets.total, 'request')} waiting`
          : `${page.total} of ${plural(facets.total, 'request')} waiting`}
      </p>
      {badCursor ? (
        <EmptyState title="This page link is not valid">
          Its page marker does not name a place in the queue.{' '}
          <Link href={queueHref(filter, {})} className="underline">
            Show the first page
          </Link>{' '}
          with the same filters.
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title={facets.total === 0 ? 'Nothing waits for you' : 'No request matches the filters'}>
          {facets.total === 0
            ? 'New requests for the roles and products you approve appear here; this page and the Approvals badge update when one arrives.'
            : 'Clear or widen the filters above to see the other requests.'}
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {shown.map((r) => (
            <li key={r.id} data-testid="queue-item" data-request-id={r.id} data-role={r.roleValue} className="panel">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="text-sm">
                  <span className="font-semibold">{r.requester.name}</span> <span className="muted">{r.requester.upn}</span> asks for{' '}
                  {r.kind === 'subscription' ? (
                    <>
                      a subscription to <span className="font-semibold">{r.roleValue}</span>
                    </>
                  ) : (
                    <>
                      <span className="font-mono font-semibold">{r.roleValue}</span> on {name(r.apiId)}
                    </>
                  )}
                  {r.renewsRequestId
                    ? r.durationDays
                      ? `, renewed for ${plural(r.durationDays, 'more day')} (a renewal of an active grant)`
                      : ', renewed with no end date (a renewal of an active grant)'
                    : r.durationDays
                      ? ` for ${plural(r.durationDays, 'day')}`
                      : ' with no end date'}
                  {r.client ? ` for ${r.client.displayName}` : ''}
                  {r.stage > 1 ? ` (stage ${r.stage})` : ''}
                </p>
                <p className="text-xs muted">
                  waiting {waited(r.createdAt, now)} ·{' '}
                  <Link href={`/requests/${encodeURIComponent(r.id)}`} prefetch={false} className="hover:underline">
                    details
                  </Link>
                </p>
              </div>
              <ApplicationGrantNotice request={r} />
              <div className="mt-3 grid gap-4 md:grid-cols-2">
                <div>
                  <h3 className="mb-1 section-label muted">Why</h3>
                  <JustificationText text={r.justification} />
                </div>
                {r.kind === 'subscription' ? null : (
                  <div>
                    <h3 className="mb-1 section-label muted">What {r.roleValue} allows</h3>
                    <RoleOperationsList
                      operations={operations.get(roleOperationsKey(r.apiId, r.roleValue)) ?? []}
                      roleValue={r.roleValue}
                    />
                    <RequesterHoldingsLine name={r.requester.name} held={holdings[r.id] ?? null} />
                  </div>
                )}
              </div>
              <DecisionForm
                requestId={r.id}
                version={r.version}
                roleValue={r.roleValue}
                requesterName={r.requester.name}
                afterDecision={`/admin/requests?decided=${encodeURIComponent(r.id)}`}
              />
            </li>
          ))}
        </ul>
      )}
      {page.total > APPROVAL_QUEUE_PAGE_SIZE ? (
        <Pagination
          page={pageNumber}
          pageSize={APPROVAL_QUEUE_PAGE_SIZE}
          total={page.total}
          noun={['request', 'requests']}
          href={pageHref}
        />
      ) : null}
      {failed.length > 0 ? (
        <section aria-label="Provisioning failures" className="mt-10">
          <h2 className="mb-2 text-lg font-semibold">Provisioning failures</h2>
          <Notice tone="warn">Approved requests Roleport could not assign in Entra. Fix what the reason names, then retry.</Notice>
          <ul className="space-y-3">
            {failed.map((r) => (
              <li
                key={r.id}
                data-testid="failed-request"
                className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-rose-200 bg-white p-3 text-sm dark:border-rose-900 dark:bg-slate-900"
              >
                <div>
                  <p>
                    <span className="font-semibold">{describeGrant(r, name)}</span> for {r.requester.name}
                  </p>
                  <p className="text-rose-700 dark:text-rose-400">{r.failureReason ?? 'No reason recorded.'}</p>
                </div>
                <RetryButton requestId={r.id} version={r.version} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
