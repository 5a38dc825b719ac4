import type { CatalogFilters } from '@/lib/directory/catalog-views';
import type { CatalogProductRef } from '@/lib/catalog/catalog-types';

const FIELD = 'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900';

/** A plain GET form: works without JavaScript and keeps filters in the URL. */
export function CatalogFiltersForm({ filters, products }: { filters: CatalogFilters; products: CatalogProductRef[] }) {
  return (
    <form role="search" method="get" className="mb-6 flex flex-wrap items-end gap-3">
      <label className="flex min-w-64 flex-1 flex-col gap-1 text-xs font-medium">
        Search
        <input
          name="q"
          type="search"
          defaultValue={filters.q}
          maxLength={200}
          placeholder="Name, description, path or operation"
          className={FIELD}
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Product
        <select name="product" defaultValue={filters.product} className={FIELD}>
          <option value="">All products</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Access
        <select name="access" defaultValue={filters.access} className={FIELD}>
          <option value="">Any</option>
          <option value="held">I have access</option>
          <option value="requestable">I can request</option>
        </select>
      </label>
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        Apply
      </button>
    </form>
  );
}
