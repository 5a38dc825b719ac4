import { Field } from './field';
import { Select, type SelectProps } from './select';

export interface FilterOption {
  value: string;
  label: React.ReactNode;
}

export interface FilterSelectProps extends Omit<SelectProps, 'id' | 'children'> {
  label: React.ReactNode;
  hint?: React.ReactNode;
  /** The first option, whose value is empty: what choosing nothing means ("All APIs"), or a prompt to choose. */
  emptyOption: string;
  /** A prompt rather than a choice: it shows until something is chosen, but cannot be chosen back. */
  emptyOptionDisabled?: boolean;
  options: FilterOption[];
  /** Layout of the labelled field; `selectClassName` styles the list itself. */
  className?: string;
  selectClassName?: string;
}

/** A labelled list that narrows what a page shows: its first option (empty value) sets no filter. */
export function FilterSelect({
  label,
  hint,
  emptyOption,
  emptyOptionDisabled,
  options,
  className,
  selectClassName,
  ...select
}: FilterSelectProps) {
  return (
    <Field label={label} hint={hint} labelSize="xs" className={className}>
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
