import Link from 'next/link';
import { ApplicationGrantNotice } from '@/components/access/application-grant-notice';
import { notFound } from 'next/navigation';
import { AutoRefresh } from '@/components/access/auto-refresh';
import { JustificationText } from '@/components/access/justification-text';
import { RequestStatusBadge } from '@/components/access/request-status-badge';
import { RequestTimeline } from '@/components/access/request-timeline';
import { RoleOperationsList } from '@/components/access/role-operations-list';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { loadRequestPage } from '@/lib/requests/load-request-page';
import { roleOperationsKey } from '@/lib/requests/role-operations';
import { TOKENS_STAY_VALID } from '@/lib/provisioning/revoke-grant';
import { requireUser } from '@/lib/auth/session';
import { DecisionForm } from '@/components/access/decision-form';
import { RetryButton } from '@/components/access/retry-button';
import { RevokeGrantForm } from '@/components/access/revoke-grant-form';
import { revokeGrantTarget } from '@/components/access/revoke-grant-target';
import { RequesterActions } from './requester-actions';
import { routeParam } from '@/lib/http/route-param';
import { plural } from '@/lib/text/plural';

export const metadata = { title: 'Request' };

type Params = Promise<{ id: string }>;
const when = (iso: string | null) => (iso ? new Date(iso).toUTCString() : '—');

export default async function RequestPage({ params }: { params: Params }) {
  const user = await requireUser();
  const data = await loadRequestPage(user, routeParam((await params).id));
  if (!data) notFound();
  const { request, api, operations, renderedAt } = data;
  const mine = request.requester.oid === user.oid;
  const moving = request.status === 'approved' || request.status === 'provisioning';
  return (
    <>
      <PageHeader
        title={
          request.kind === 'subscription'
            ? `Subscription to ${request.roleValue}`
            : `${request.roleValue} on ${api?.displayName ?? request.apiId}`
        }
        description={mine ? 'Your request.' : `Requested by ${request.requester.name}.`}
        actions={<RequestStatusBadge status={request.status} />}
      />
      {moving ? <AutoRefresh everyMs={1000} forMs={60_000} token={`${request.status}:${request.version}`} /> : null}
      {request.status === 'pending' ? (
        <AutoRefresh everyMs={10_000} forMs={600_000} token={`${request.status}:${request.version}`} />
      ) : null}
      {request.status === 'failed' ? (
        <Notice tone="error" title="Provisioning failed">
          {request.failureReason ?? 'Roleport could not make the grant.'}{' '}
          {mine ? 'A portal admin can retry once the cause is fixed.' : null}
        </Notice>
      ) : null}
      {request.status === 'active' && request.kind === 'subscription' ? (
        <Notice tone="success" title="Active">
          Your subscription to {request.roleValue} is active: find its keys under <Link href="/subscriptions">My subscriptions</Link>.
        </Notice>
      ) : null}
      {request.status === 'active' && request.kind !== 'subscription' ? (
        <Notice tone="success" title="Active">
          New {request.client ? `client-credentials tokens of ${request.client.displayName}` : 'tokens'} for{' '}
          {api?.displayName ?? request.apiId} carry {request.roleValue}
          {request.expiresAt ? ` until ${when(request.expiresAt)}` : ''}. A token already issued does not: get a new one.
        </Notice>
      ) : null}
      <ApplicationGrantNotice request={request} />
      {request.renewsRequestId ? (
        <Notice title="A renewal">
          {request.status === 'renewed' ? 'Approved: ' : 'Once approved, '}
          <Link href={`/requests/${encodeURIComponent(request.renewsRequestId)}`}>the grant it renews</Link>{' '}
          {request.status === 'renewed'
            ? `now ends on ${when(request.expiresAt)}; the role assignment in Entra is the same one.`
            : `runs on for the duration below, counted from its current end; no new assignment is made in Entra.`}
        </Notice>
      ) : null}
      {request.parts.length > 0 ? (
        <Notice title="Part of one request">
          Asked for together with{' '}
          {request.parts.map((part, i) => (
            <span key={part.id}>
              {i > 0 ? ', ' : null}
              <Link href={`/requests/${encodeURIComponent(part.id)}`} data-testid="request-part">
                {part.kind === 'subscription' ? `a subscription to ${part.roleValue}` : part.roleValue}
              </Link>{' '}
              ({part.status})
            </span>
          ))}
          ; each part has its own approval and timeline.
        </Notice>
      ) : null}
      <div className="mt-4 grid gap-8 lg:grid-cols-[3fr_2fr]">
        <section aria-label="Request details" className="space-y-4">
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="muted">Requester</dt>
            <dd>
              {request.requester.name} <span className="muted">{request.requester.upn}</span>
            </dd>
            {request.client ? (
              <>
                <dt className="muted">For</dt>
                <dd data-testid="request-client">
                  {request.client.displayName} <span className="font-mono muted">{request.client.appId}</span>
                </dd>
              </>
            ) : null}
            {request.kind === 'subscription' ? (
              <>
                <dt className="muted">Product</dt>
                <dd>
                  <Link href={`/products/${encodeURIComponent(request.productId ?? '')}`}>{request.roleValue}</Link>
                </dd>
                <dt className="muted">Subscription</dt>
                <dd className="font-mono">{request.subscriptionId ?? '—'}</dd>
              </>
            ) : (
              <>
                <dt className="muted">API</dt>
                <dd>{api ? <Link href={`/apis/${encodeURIComponent(api.id)}`}>{api.displayName}</Link> : request.apiId}</dd>
              </>
            )}
            <dt className="muted">Granted as</dt>
            <dd>{request.grantKind === 'group' ? `membership of group ${request.groupId ?? ''}` : 'a direct app role assignment'}</dd>
            <dt className="muted">Duration</dt>
            <dd data-testid="request-duration">{request.durationDays ? plural(request.durationDays, 'day') : 'No end date'}</dd>
            <dt className="muted">Expires</dt>
            <dd>{when(request.expiresAt)}</dd>
          </dl>
          <div>
            <h2 className="mb-1 text-sm font-semibold">Justification</h2>
            <JustificationText text={request.justification} />
          </div>
          <div>
            <h2 className="mb-1 text-sm font-semibold">What {request.roleValue} allows</h2>
            <RoleOperationsList
              operations={operations.get(roleOperationsKey(request.apiId, request.roleValue)) ?? []}
              roleValue={request.roleValue}
            />
          </div>
          {mine ? (
            <RequesterActions
              requestId={request.id}
              version={request.version}
              canCancel={request.can.cancel}
              canGiveUp={request.can.revoke}
              tokensNote={TOKENS_STAY_VALID}
            />
          ) : null}
          {request.can.decide ? (
            <DecisionForm
              requestId={request.id}
              version={request.version}
              roleValue={request.roleValue}
              requesterName={request.requester.name}
            />
          ) : null}
          {request.can.retry ? <RetryButton requestId={request.id} version={request.version} /> : null}
          {!mine && request.can.revoke ? <RevokeGrantForm {...revokeGrantTarget(request)} tokensNote={TOKENS_STAY_VALID} /> : null}
        </section>
        <section aria-label="Timeline">
          <h2 className="mb-3 text-sm font-semibold">Timeline</h2>
          <RequestTimeline request={request} now={renderedAt} />
        </section>
      </div>
    </>
  );
}
