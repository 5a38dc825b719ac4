import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';

/** A plain GET form, so the chosen API stays in the URL (the same link the API pages use). */
export function ApiPicker({ apis, selected }: { apis: { id: string; displayName: string }[]; selected?: string }) {
  return (
    <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
      <Field label="API" labelSize="xs">
        {(control) => (
          <Select {...control} name="api" defaultValue={selected ?? ''} required>
            <option value="" disabled>
              Choose an API…
            </option>
            {apis.map((api) => (
              <option key={api.id} value={api.id}>
                {api.displayName}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" size="md">
        Show roles
      </Button>
    </form>
  );
}
