import { useId } from 'react';
import { cx } from './cx';

/** What a field hands its control so the label, hint and error are announced with it. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

const LABEL = {
  xs: 'text-xs font-medium',
  sm: 'text-sm font-medium',
} as const;

export interface FieldProps {
  label: React.ReactNode;
  /** Shown under the control and read after its name. */
  hint?: React.ReactNode;
  /** The validation message; its presence marks the control invalid. */
  error?: string | null;
  labelSize?: keyof typeof LABEL;
  /** Marks the label (a visible asterisk, read as "required") and the control (aria-required). */
  required?: boolean;
  className?: string;
  children: (control: FieldControlProps) => React.ReactNode;
}

/**
 * A label, one control, a hint and an error, with the ids wired once: the label names the control (htmlFor), and the
 * hint and error describe it (aria-describedby), the error also marking it invalid (aria-invalid).
 */
export function Field({ label, hint, error, labelSize = 'sm', required = false, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return (
    <div className={cx('flex flex-col gap-1', className)}>
      <label htmlFor={id} className={LABEL[labelSize]}>
        {label}
        {required ? (
          <>
            <span aria-hidden="true" className="ml-0.5 text-rose-700 dark:text-rose-400">
              *
            </span>
            <span className="sr-only"> (required)</span>
          </>
        ) : null}
      </label>
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
        'aria-required': required ? true : undefined,
      })}
      {hint ? (
        <p id={hintId} className="text-xs muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-rose-700 dark:text-rose-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
