import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireAdmin } from '@/lib/auth/session';
import { loadSyncStatus } from '@/lib/catalog/sync-status';
import { RefreshCatalogButton } from '@/components/catalog/refresh-catalog-button';
import { SyncRunsTable } from './sync-runs-table';
import { plural } from '@/lib/text/plural';

export const metadata = { title: 'Catalog sync' };

const when = (iso: string | null) => (iso ? new Date(iso).toUTCString() : '—');

export default async function CatalogSyncPage() {
  await requireAdmin();
  const { runs, failing, apiCount, oldestSync } = await loadSyncStatus();
  return (
    <>
      <PageHeader
        title="Catalog sync"
        description={`${plural(apiCount, 'API')} indexed from API Management; the oldest was read ${when(oldestSync)}. Pages read this index, never APIM directly.`}
        actions={<RefreshCatalogButton />}
      />
      <section aria-label="APIs that could not be read" className="mb-8">
        <h2 className="mb-2 text-lg font-semibold">APIs that could not be read</h2>
        {failing.length === 0 ? (
          <p className="text-sm supporting-text">Every API was read by its last sync.</p>
        ) : (
          <ul className="list-panel text-sm">
            {failing.map((api) => (
              <li key={api.id} className="p-3">
                <Link
                  href={`/apis/${encodeURIComponent(api.id)}`}
                  className="font-medium text-brand-700 hover:underline dark:text-brand-100"
                >
                  {api.displayName}
                </Link>
                <p className="text-rose-700 dark:text-rose-400">{api.error}</p>
                <p className="text-xs muted">Still showing the index from {when(api.syncedAt)}.</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Sync runs">
        <h2 className="mb-2 text-lg font-semibold">Last runs</h2>
        {runs.length === 0 ? (
          <EmptyState title="No sync has run yet">Start one with Refresh catalog above; it also runs on a schedule.</EmptyState>
        ) : (
          <SyncRunsTable runs={runs} />
        )}
      </section>
    </>
  );
}
