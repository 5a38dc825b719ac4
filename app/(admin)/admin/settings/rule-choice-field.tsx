import { SelectField } from '@/components/ui/select-field';

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
    <SelectField
      label={label}
      size="sm"
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      emptyOption={none}
      options={options}
    />
  );
}
