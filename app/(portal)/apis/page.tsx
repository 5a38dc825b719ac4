import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { loadCatalog } from '@/lib/directory/catalog-views';
import { parseCatalogFilters } from '@/lib/directory/parse-catalog-filters';
import { ApiCard } from './api-card';
import { CatalogFiltersForm } from './catalog-filters';
import { RefreshCatalogButton } from '@/components/catalog/refresh-catalog-button';
import { plural } from '@/lib/text/plural';

export const metadata = { title: 'APIs' };

const PAGE_SIZE = 24;

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ApisPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const { page, ...filters } = parseCatalogFilters(await searchParams);
  const catalog = await loadCatalog(user, filters, { page, pageSize: PAGE_SIZE });
  const { entries: shown, total, products, indexEmpty, rolesError } = catalog;
  const pageLink = (n: number) => `/apis?${new URLSearchParams({ ...filters, page: String(n) }).toString()}`;
  return (
    <>
      <PageHeader
        title="APIs"
        description="Every API published through Azure API Management, with the Entra app roles it takes and what you hold."
        actions={user.isAdmin ? <RefreshCatalogButton /> : null}
      />
      {rolesError ? <Notice tone="warn">{rolesError}</Notice> : null}
      {indexEmpty ? (
        <EmptyState title="The catalog has not been indexed yet">
          Roleport reads API Management in the background; this page fills in when the first sync finishes.
        </EmptyState>
      ) : (
        <>
          <CatalogFiltersForm filters={filters} products={products} />
          <p className="mb-3 text-sm supporting-text" aria-live="polite">
            {plural(total, 'API')}
          </p>
          {shown.length === 0 ? (
            <EmptyState title="No API matches">Try other words or clear the filters.</EmptyState>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {shown.map((entry) => (
                <ApiCard key={entry.api.id} entry={entry} />
              ))}
            </ul>
          )}
          <Pagination page={catalog.page} pageSize={PAGE_SIZE} total={total} noun={['API', 'APIs']} href={pageLink} />
        </>
      )}
    </>
  );
}
