import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';

/** A labelled select of the rule form: the first option is the "none" choice, the rest come from the directory. */
export function RuleChoiceField({
  label,
  none,
  options,
  value,
  disabled,
  onChange,
}: {
  label: string;
  none: string;
  options: { value: string; label: string }[];
  value: string;
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} labelSize="xs">
      {(control) => (
        <Select {...control} size="sm" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          <option value="">{none}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
