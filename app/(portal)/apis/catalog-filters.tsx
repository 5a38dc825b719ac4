import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { CatalogFilters } from '@/lib/directory/catalog-views';
import type { CatalogProductRef } from '@/lib/catalog/catalog-types';

/** A plain GET form: works without JavaScript and keeps filters in the URL. */
export function CatalogFiltersForm({ filters, products }: { filters: CatalogFilters; products: CatalogProductRef[] }) {
  return (
    <form role="search" method="get" className="mb-6 flex flex-wrap items-end gap-3">
      <Field label="Search" labelSize="xs" className="min-w-64 flex-1">
        {(control) => (
          <Input
            {...control}
            name="q"
            type="search"
            defaultValue={filters.q}
            maxLength={200}
            placeholder="Name, description, path or operation"
          />
        )}
      </Field>
      <Field label="Product" labelSize="xs">
        {(control) => (
          <Select {...control} name="product" defaultValue={filters.product}>
            <option value="">All products</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Access" labelSize="xs">
        {(control) => (
          <Select {...control} name="access" defaultValue={filters.access}>
            <option value="">Any</option>
            <option value="held">I have access</option>
            <option value="requestable">I can request</option>
          </Select>
        )}
      </Field>
      <Button type="submit" variant="primary" size="md">
        Apply
      </Button>
    </form>
  );
}
