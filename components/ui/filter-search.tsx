import { Field } from './field';
import { Input } from './input';

/** The free-text search of a filter form, sent as `q`: it grows to take the row's spare width. */
export function FilterSearch({
  label,
  defaultValue,
  placeholder,
  className,
}: {
  label: string;
  defaultValue?: string;
  placeholder: string;
  /** Its narrowest width, e.g. `min-w-56`. */
  className: string;
}) {
  return (
    <Field label={label} labelSize="xs" className={`${className} flex-1`}>
      {(control) => <Input {...control} name="q" type="search" defaultValue={defaultValue} maxLength={200} placeholder={placeholder} />}
    </Field>
  );
}
