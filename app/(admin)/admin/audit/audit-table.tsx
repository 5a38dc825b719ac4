import Link from 'next/link';
import { Table } from '@/components/ui/table';
import type { AuditEventPage } from '@/lib/audit/query-audit-events';
import type { AuditSearch } from '@/lib/audit/parse-audit-filters';

/** One page of audit events; actor, action and subject link to the log filtered by them. */
export function AuditTable({
  events,
  filterLink,
}: {
  events: AuditEventPage['events'];
  filterLink: (change: Partial<AuditSearch>) => string;
}) {
  return (
    <div className="overflow-x-auto">
      <Table
        caption="Audit events, newest first"
        columns={[
          { label: '#' },
          { label: 'When (UTC)' },
          { label: 'Actor' },
          { label: 'Action' },
          { label: 'Subject' },
          { label: 'Details' },
        ]}
        className="text-sm"
      >
        {events.map((e) => (
          <tr key={e.seq} data-testid="audit-event" data-action={e.action} className="align-top">
            <td className="font-mono text-xs">{e.seq}</td>
            <td className="whitespace-nowrap text-xs">{e.at.replace('T', ' ').replace('Z', '')}</td>
            <td>{e.actorOid ? <Link href={filterLink({ actor: e.actorOid })}>{e.actorName}</Link> : e.actorName}</td>
            <td className="font-mono text-xs">
              <Link href={filterLink({ action: e.action })}>{e.action}</Link>
            </td>
            <td className="text-xs">
              <Link href={filterLink({ subjectType: e.subjectType, subjectId: e.subjectId })}>
                {e.subjectType}/{e.subjectId}
              </Link>
              {e.subjectType === 'access_request' ? (
                <Link href={`/requests/${encodeURIComponent(e.subjectId)}`} className="ml-1 muted">
                  (open)
                </Link>
              ) : null}
            </td>
            <td className="max-w-md">
              <code
                className="block truncate text-xs supporting-text"
                title={JSON.stringify({ before: e.before, after: e.after, data: e.data })}
              >
                {JSON.stringify(e.data)}
              </code>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
