import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { loadAuditPage } from '@/lib/audit/load-audit-page';
import { requireAdmin } from '@/lib/auth/session';
import { AuditFiltersForm } from './audit-filters-form';
import { auditQuery, type AuditSearch } from '@/lib/audit/parse-audit-filters';

export const metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;
type Search = Promise<Record<string, string | string[] | undefined>>;

const filterLink = (search: AuditSearch, change: Partial<AuditSearch>) => `/admin/audit?${auditQuery({ ...search, ...change })}`;

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  await requireAdmin();
  const { search, beforeSeq, page, chain } = await loadAuditPage(await searchParams, PAGE_SIZE);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change Roleport made or recorded, chained with a keyed hash (HMAC) so an edit or deletion shows."
        actions={
          // A POST: the export is recorded in the log, and reads never write.
          <form method="post" action={`/api/admin/audit-export?${auditQuery(search)}`}>
            <button
              type="submit"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
            >
              Export CSV
            </button>
          </form>
        }
      />
      <div data-testid="audit-chain" data-ok={chain.ok}>
        {chain.ok ? (
          <Notice tone="success" title="The chain verifies">
            {chain.fromSeq > 0
              ? `Events 1–${chain.fromSeq} were verified earlier (keyed checkpoint); the ${chain.checked} events since, up to event ${chain.lastSeq}, match their keyed hashes.`
              : `All ${chain.checked} events, up to event ${chain.lastSeq}, match their keyed hashes.`}
          </Notice>
        ) : (
          <Notice tone="error" title="The chain does not verify">
            {chain.message} (first bad event: {chain.brokenSeq}; {chain.checked} events verified before it).
          </Notice>
        )}
      </div>
      <AuditFiltersForm search={search} />
      {page.events.length === 0 ? (
        <EmptyState title="No event matches" />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-2 pr-3">#</th>
                <th className="py-2 pr-3">When (UTC)</th>
                <th className="py-2 pr-3">Actor</th>
                <th className="py-2 pr-3">Action</th>
                <th className="py-2 pr-3">Subject</th>
                <th className="py-2">Details</th>
              </tr>
            </thead>
            <tbody>
              {page.events.map((e) => (
                <tr
                  key={e.seq}
                  data-testid="audit-event"
                  data-action={e.action}
                  className="border-t border-slate-200 align-top dark:border-slate-800"
                >
                  <td className="py-2 pr-3 font-mono text-xs">{e.seq}</td>
                  <td className="whitespace-nowrap py-2 pr-3 text-xs">{e.at.replace('T', ' ').replace('Z', '')}</td>
                  <td className="py-2 pr-3">
                    {e.actorOid ? <Link href={filterLink(search, { actor: e.actorOid })}>{e.actorName}</Link> : e.actorName}
                  </td>
                  <td className="py-2 pr-3 font-mono text-xs">
                    <Link href={filterLink(search, { action: e.action })}>{e.action}</Link>
                  </td>
                  <td className="py-2 pr-3 text-xs">
                    <Link href={filterLink(search, { subjectType: e.subjectType, subjectId: e.subjectId })}>
                      {e.subjectType}/{e.subjectId}
                    </Link>
                    {e.subjectType === 'access_request' ? (
                      <Link href={`/requests/${encodeURIComponent(e.subjectId)}`} className="ml-1 text-slate-500">
                        (open)
                      </Link>
                    ) : null}
                  </td>
                  <td className="max-w-md py-2">
                    <code
                      className="block truncate text-xs text-slate-600 dark:text-slate-400"
                      title={JSON.stringify({ before: e.before, after: e.after, data: e.data })}
                    >
                      {JSON.stringify(e.data)}
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="mt-6 flex justify-center gap-6 text-sm">
        {beforeSeq !== undefined ? <Link href={filterLink(search, {})}>← Newest</Link> : null}
        {page.nextBeforeSeq !== null ? (
          <Link href={`/admin/audit?${auditQuery(search, { before: String(page.nextBeforeSeq) })}`}>Older →</Link>
        ) : null}
      </nav>
    </>
  );
}
