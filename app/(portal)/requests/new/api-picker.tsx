import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';

/** A plain GET form, so the chosen API stays in the URL (the same link the API pages use). */
export function ApiPicker({
  apis,
  selected,
  forApp = false,
}: {
  apis: { id: string; displayName: string }[];
  selected?: string;
  /** Keeps "for an application" chosen when another API is picked. */
  forApp?: boolean;
}) {
  return (
    <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
      {forApp ? <Input type="hidden" name="for" value="app" /> : null}
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
