import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { IndexedOperation } from '@/lib/catalog/catalog-types';
import { parameterInputKind } from '@/lib/console/parameter-defaults';

export type ParameterLocation = 'template' | 'query' | 'header';

const LEGEND: Record<ParameterLocation, string> = { template: 'Path parameters', query: 'Query parameters', header: 'Headers' };

const INPUT_TYPE = { date: { type: 'date' }, datetime: { type: 'datetime-local' }, text: {} } as const;

/**
 * The operation's parameters of one location: a choice where the operation lists values, a date picker for dates, free
 * text otherwise; required ones marked in their label.
 */
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
      {parameters.some((p) => p.required) ? (
        <p className="text-xs supporting-text">
          <span aria-hidden="true">*</span> marks a required parameter.
        </p>
      ) : null}
      {parameters.map((p) => (
        <Field key={p.name} label={<span className="font-mono">{p.name}</span>} hint={p.description || undefined} required={p.required}>
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
                {...INPUT_TYPE[parameterInputKind(p)]}
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
