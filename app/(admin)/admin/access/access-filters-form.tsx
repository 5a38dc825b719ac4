import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { WhoHasWhatFilters } from '@/lib/provisioning/who-has-what-filters';

/** A plain GET form: the filters stay in the URL and work without JavaScript. */
export function AccessFiltersForm({ filters, apis }: { filters: WhoHasWhatFilters; apis: { id: string; displayName: string }[] }) {
  return (
    <form role="search" method="get" className="mb-6 flex flex-wrap items-end gap-3">
      <Field label="Person or role" labelSize="xs" className="min-w-56 flex-1">
        {(control) => (
          <Input {...control} name="q" type="search" defaultValue={filters.q} maxLength={200} placeholder="Name, sign-in name or role" />
        )}
      </Field>
      <Field label="API" labelSize="xs" className="min-w-0 max-w-full">
        {(control) => (
          // A long API name must not widen the page on a phone: the list shrinks to the screen instead.
          <Select {...control} name="api" defaultValue={filters.api} className="max-w-full">
            <option value="">All APIs</option>
            {apis.map((api) => (
              <option key={api.id} value={api.id}>
                {api.displayName}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" variant="primary" size="md">
        Apply
      </Button>
      {filters.q || filters.api ? (
        <ButtonLink href="/admin/access" variant="ghost" size="md">
          Clear
        </ButtonLink>
      ) : null}
    </form>
  );
}
