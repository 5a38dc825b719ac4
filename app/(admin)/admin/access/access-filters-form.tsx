import { FilterForm } from '@/components/ui/filter-form';
import { FilterSearch } from '@/components/ui/filter-search';
import { optionsByName, SelectField } from '@/components/ui/select-field';
import type { WhoHasWhatFilters } from '@/lib/provisioning/who-has-what-filters';

/** Who has what, narrowed by person or role and by API; Clear shows everyone again. */
export function AccessFiltersForm({ filters, apis }: { filters: WhoHasWhatFilters; apis: { id: string; displayName: string }[] }) {
  return (
    <FilterForm className="mb-6" clearHref={filters.q || filters.api ? '/admin/access' : undefined}>
      <FilterSearch label="Person or role" defaultValue={filters.q} placeholder="Name, sign-in name or role" className="min-w-56" />
      {/* A long API name must not widen the page on a phone: the list shrinks to the screen instead. */}
      <SelectField
        label="API"
        name="api"
        defaultValue={filters.api}
        emptyOption="All APIs"
        options={optionsByName(apis)}
        className="min-w-0 max-w-full"
        selectClassName="max-w-full"
      />
    </FilterForm>
  );
}
