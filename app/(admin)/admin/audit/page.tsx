import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { loadAuditPage } from '@/lib/audit/load-audit-page';
import { requireAdmin } from '@/lib/auth/session';
import { AuditFiltersForm } from './audit-filters-form';
import { AuditTable } from './audit-table';
import { auditQuery, type AuditSearch } from '@/lib/audit/parse-audit-filters';
import { plural } from '@/lib/text/plural';

export const metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;
type Search = Promise<Record<string, string | string[] | undefined>>;

const filterLink = (search: AuditSearch, change: Partial<AuditSearch>) => `/admin/audit?${auditQuery({ ...search, ...change })}`;

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  await requireAdmin();
  const { search, beforeSeq, badCursor, page, position, chain } = await loadAuditPage(await searchParams, PAGE_SIZE);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change Roleport made or recorded, chained with a keyed hash (HMAC) so an edit or deletion shows."
        actions={
          // A POST: the export is recorded in the log, and reads never write.
          <form method="post" action={`/api/admin/audit-export?${auditQuery(search)}`}>
            <Button type="submit">Export CSV</Button>
          </form>
        }
      />
      <div data-testid="audit-chain" data-ok={chain.ok}>
        {chain.ok ? (
          <Notice tone="success" title="The chain verifies">
            {chain.fromSeq > 0
              ? `Events 1–${chain.fromSeq} were verified earlier (keyed checkpoint); every event since, up to event ${chain.lastSeq} (${plural(chain.checked, 'event')}), matches its keyed hash.`
              : `Every event up to event ${chain.lastSeq} (${plural(chain.checked, 'event')}) matches its keyed hash.`}
          </Notice>
        ) : (
          <Notice tone="error" title="The chain does not verify">
            {chain.message} (first bad event: {chain.brokenSeq}; {plural(chain.checked, 'event')} verified before it).
          </Notice>
        )}
      </div>
      <AuditFiltersForm search={search} />
      {badCursor ? (
        <EmptyState title="This page link is not valid">
          Its page marker is not an event number.{' '}
          <Link href={filterLink(search, {})} className="underline">
            Show the newest events
          </Link>{' '}
          with the same filters.
        </EmptyState>
      ) : page.events.length === 0 ? (
        <EmptyState title="No event matches">Widen the dates or clear a filter above to see more events.</EmptyState>
      ) : (
        <AuditTable events={page.events} filterLink={(change) => filterLink(search, change)} />
      )}
      <nav aria-label="Pages" className="mt-6 flex flex-wrap items-center justify-center gap-6 text-sm">
        {beforeSeq !== undefined ? (
          <Link href={filterLink(search, {})} className="underline">
            ← Newest
          </Link>
        ) : null}
        <span data-testid="page-position">{position}</span>
        {page.nextBeforeSeq !== null ? (
          <Link href={`/admin/audit?${auditQuery(search, { before: String(page.nextBeforeSeq) })}`} className="underline" rel="next">
            Older →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
