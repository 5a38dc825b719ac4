import Link from 'next/link';
import { statusLabel } from '@/components/access/request-status-badge';
import { Notice } from '@/components/ui/notice';
import type { AccessRequestDetail } from '@/lib/requests/query-requests';

/** What the approver just decided, once the request has left the queue. */
export function DecidedNotice({ request, apiName, userOid }: { request: AccessRequestDetail; apiName: string; userOid: string }) {
  const mine = request.decisions.filter((d) => d.approver.oid === userOid).at(-1);
  if (!mine) return null;
  const verb = mine.verdict === 'approve' ? 'approved' : 'rejected';
  return (
    <div data-testid="decision-notice" data-request-id={request.id}>
      <Notice
        tone={mine.verdict === 'approve' ? 'success' : 'info'}
        title={`You ${verb} ${request.kind === 'subscription' ? `a subscription to ${request.roleValue}` : `${request.roleValue} on ${apiName}`} for ${request.requester.name}`}
      >
        It is now {statusLabel(request.status).toLowerCase()}.{' '}
        <Link href={`/requests/${encodeURIComponent(request.id)}`} className="underline">
          Follow it
        </Link>
      </Notice>
    </div>
  );
}
