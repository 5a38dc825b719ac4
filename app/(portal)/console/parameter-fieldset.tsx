import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { IndexedOperation } from '@/lib/catalog/catalog-types';

export type ParameterLocation = 'template' | 'query' | 'header';

const LEGEND: Record<ParameterLocation, string> = { template: 'Path parameters', query: 'Query parameters', header: 'Headers' };

/** The operation's parameters of one location: a choice where the operation lists values, free text otherwise. */
export function ParameterFieldset({
  where,
  parameters,
  values,
  onChange,
}: {
  where: ParameterLocation;
  parameters: IndexedOperation['parameters'];
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
}) {
  if (parameters.length === 0) return null;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-semibold">{LEGEND[where]}</legend>
      {parameters.map((p) => (
        <Field
          key={p.name}
          label={
            <>
              <span className="font-mono">{p.name}</span>
              {p.required ? <span className="text-rose-600">*</span> : null}
            </>
          }
          hint={p.description || undefined}
        >
          {(control) =>
            p.values.length > 0 ? (
              <Select
                {...control}
                size="sm"
                className="font-mono"
                value={values[p.name] ?? ''}
                onChange={(e) => onChange(p.name, e.target.value)}
              >
                <option value="">—</option>
                {p.values.map((v) => (
                  <option key={v}>{v}</option>
                ))}
              </Select>
            ) : (
              <Input
                {...control}
                size="sm"
                className="font-mono"
                required={p.required}
                value={values[p.name] ?? ''}
                onChange={(e) => onChange(p.name, e.target.value)}
              />
            )
          }
        </Field>
      ))}
    </fieldset>
  );
}
