import { Field, type FieldProps } from './field';
import { Select, type SelectProps } from './select';

export interface SelectOption {
  value: string;
  label: React.ReactNode;
}

/** Things with an id and a display name (APIs, products), as options. */
export const optionsByName = (items: { id: string; displayName: string }[]): SelectOption[] =>
  items.map((item) => ({ value: item.id, label: item.displayName }));

export interface SelectFieldProps extends Omit<SelectProps, 'id' | 'children'> {
  label: React.ReactNode;
  hint?: React.ReactNode;
  labelSize?: FieldProps['labelSize'];
  /** The first option, whose value is empty: what choosing nothing means ("All APIs"), or a prompt to choose. */
  emptyOption: string;
  /** A prompt rather than a choice: it shows until something is chosen, but cannot be chosen back. */
  emptyOptionDisabled?: boolean;
  options: SelectOption[];
  /** Layout of the labelled field; `selectClassName` styles the list itself. */
  className?: string;
  selectClassName?: string;
}

/** A labelled list whose first option (empty value) chooses nothing: no filter, no rule, no API yet. */
export function SelectField({
  label,
  hint,
  labelSize = 'xs',
  emptyOption,
  emptyOptionDisabled,
  options,
  className,
  selectClassName,
  ...select
}: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} labelSize={labelSize} className={className}>
      {(control) => (
        <Select {...control} {...select} className={selectClassName}>
          <option value="" disabled={emptyOptionDisabled}>
            {emptyOption}
          </option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
