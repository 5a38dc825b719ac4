import { FilterForm } from '@/components/ui/filter-form';
import { FilterSearch } from '@/components/ui/filter-search';
import { optionsByName, SelectField } from '@/components/ui/select-field';
import type { CatalogFilters } from '@/lib/directory/catalog-listing';
import type { CatalogProductRef } from '@/lib/catalog/catalog-types';

const ACCESS_OPTIONS = [
  { value: 'held', label: 'I have access' },
  { value: 'requestable', label: 'I can request' },
];

/** The catalog narrowed by words, product and whether the person has or can request access. */
export function CatalogFiltersForm({ filters, products }: { filters: CatalogFilters; products: CatalogProductRef[] }) {
  const productOptions = optionsByName(products);
  return (
    <FilterForm className="mb-6">
      <FilterSearch label="Search" defaultValue={filters.q} placeholder="Name, description, path or operation" className="min-w-64" />
      <SelectField label="Product" name="product" defaultValue={filters.product} emptyOption="All products" options={productOptions} />
      <SelectField label="Access" name="access" defaultValue={filters.access} emptyOption="Any" options={ACCESS_OPTIONS} />
    </FilterForm>
  );
}
