import type { AccessRequestDetail } from '@/lib/requests/query-requests';

type TimelineEvent = AccessRequestDetail['timeline'][number];

const EXPIRING_SOON_MS = 7 * 86_400_000;

const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);

/** One line per audit event about the request; the note or reason is requester/approver text and stays text. */
function describe(event: TimelineEvent): { title: string; detail: string | null; tone: 'ok' | 'bad' | 'neutral' } {
  const by = event.actorName;
  switch (event.action) {
    case 'request.submitted':
      return { title: `Submitted by ${by}`, detail: null, tone: 'neutral' };
    case 'request.auto_approved':
      return { title: `Submitted by ${by} and approved automatically by the approval rule`, detail: null, tone: 'ok' };
    case 'request.stage_approved':
      return {
        title: `Stage ${String(event.data.stage ?? 1)} approved by ${by}; waiting for a second approver`,
        detail: text(event.data.note),
        tone: 'ok',
      };
    case 'request.approved':
      return { title: `Approved by ${by}`, detail: text(event.data.note), tone: 'ok' };
    case 'request.rejected':
      return { title: `Rejected by ${by}`, detail: text(event.data.note), tone: 'bad' };
    case 'request.cancelled':
      return { title: `Cancelled by ${by}`, detail: null, tone: 'neutral' };
    case 'request.provisioning_started':
      return { title: 'Provisioning: assigning the role in Entra', detail: null, tone: 'neutral' };
    case 'request.activated':
      return { title: 'Active: the role is assigned in Entra', detail: 'New tokens carry the role.', tone: 'ok' };
    case 'request.provisioning_failed':
      return { title: 'Provisioning failed', detail: text(event.data.reason), tone: 'bad' };
    case 'request.provisioning_retried':
      return { title: `Provisioning retried by ${by}`, detail: null, tone: 'neutral' };
    case 'request.relinquished':
      return { title: `Given up by ${by}; removal queued`, detail: null, tone: 'neutral' };
    case 'request.revocation_requested':
      return { title: `Revocation requested by ${by}`, detail: text(event.data.reason), tone: 'bad' };
    case 'request.revoked':
      return { title: 'Revoked: the assignment was removed from Entra', detail: null, tone: 'neutral' };
    case 'request.expired':
      return { title: 'Expired: the assignment was removed from Entra', detail: null, tone: 'neutral' };
    case 'request.removed_in_entra':
      return { title: 'Removed in Entra outside Roleport', detail: null, tone: 'bad' };
    default:
      return { title: event.action, detail: null, tone: 'neutral' };
  }
}

function upcoming(request: AccessRequestDetail, now: number): string | null {
  if (request.status === 'pending') return `Waiting for a decision${request.stage > 1 ? ` (stage ${request.stage})` : ''}`;
  if (request.status === 'approved' || request.status === 'provisioning') return 'Being assigned in Entra; this page updates by itself';
  if (request.status === 'active' && request.expiresAt) {
    const left = Date.parse(request.expiresAt) - now;
    return `${left < EXPIRING_SOON_MS ? 'Expiring soon: ' : ''}expires ${new Date(request.expiresAt).toUTCString()}`;
  }
  return null;
}

const DOT = { ok: 'bg-emerald-500', bad: 'bg-rose-500', neutral: 'bg-slate-400' } as const;

export function RequestTimeline({ request, now }: { request: AccessRequestDetail; now: number }) {
  const next = upcoming(request, now);
  return (
    <ol data-testid="request-timeline" className="relative space-y-4 border-l border-slate-200 pl-5 dark:border-slate-800">
      {request.timeline.map((event) => {
        const { title, detail, tone } = describe(event);
        return (
          <li key={event.seq} data-action={event.action} className="relative">
            <span className={`absolute -left-[1.65rem] top-1.5 h-2.5 w-2.5 rounded-full ${DOT[tone]}`} aria-hidden />
            <p className="text-sm font-medium">{title}</p>
            <p className="text-xs muted">
              <time dateTime={event.at}>{new Date(event.at).toUTCString()}</time>
            </p>
            {detail ? <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700 dark:text-slate-300">{detail}</p> : null}
          </li>
        );
      })}
      {next ? (
        <li className="relative" data-testid="timeline-next">
          <span
            className="absolute -left-[1.65rem] top-1.5 h-2.5 w-2.5 rounded-full border-2 border-slate-400 bg-white dark:bg-slate-900"
            aria-hidden
          />
          <p className="text-sm italic supporting-text">{next}</p>
        </li>
      ) : null}
    </ol>
  );
}
