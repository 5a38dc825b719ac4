import { useId } from 'react';
import { cx } from './cx';

export interface TableColumn {
  label: React.ReactNode;
  className?: string;
  /** Read by screen readers only, for a column of buttons or when the caption says enough. */
  srOnly?: boolean;
}

// Cell padding is set on the table so rows stay plain <tr>/<td> with only their content's classes: one component class
// per density in app/globals.css (`.data-table-<density>`).
const DENSITY = {
  normal: 'data-table-normal',
  compact: 'data-table-compact',
  grid: 'data-table-grid',
  code: 'data-table-code',
} as const;

export interface TableProps {
  /** Names the table for assistive technology; hidden unless `showCaption`. */
  caption: string;
  showCaption?: boolean;
  columns: TableColumn[];
  /** Hide the header row visually (it stays in the accessibility tree). */
  headerHidden?: boolean;
  density?: keyof typeof DENSITY;
  /** Rows separated by a rule; off for tables whose rows carry their own backgrounds. */
  rules?: boolean;
  className?: string;
  headClassName?: string;
  /** The body rows: plain <tr> elements. */
  children: React.ReactNode;
  /** Shown as one row across every column when set: what an empty table means (pass it only when there are no rows). */
  empty?: React.ReactNode;
}

/**
 * A data table with a caption and column headers (scope="col"), styled once. It sits in a region that scrolls sideways
 * when the screen is narrower than the table (a phone, or 200 % zoom), so the page itself never does; the region is
 * named by the caption and focusable, so it can be scrolled with the keyboard.
 */
export function Table({
  caption,
  showCaption = false,
  columns,
  headerHidden = false,
  density = 'normal',
  rules = true,
  className,
  headClassName,
  children,
  empty,
}: TableProps) {
  const captionId = useId();
  return (
    // Positioned, so screen-reader-only text in a cell (absolutely placed) scrolls with the table and never widens the page.
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="table-region">
      <table className={cx('data-table', DENSITY[density], rules && 'data-table-rules', className)}>
        <caption id={captionId} className={showCaption ? 'mb-2 text-left text-sm font-semibold' : 'sr-only'}>
          {caption}
        </caption>
        <thead className={cx(headerHidden ? 'sr-only' : 'text-xs muted', headClassName)}>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={cx('font-medium', column.className)}>
                {column.srOnly ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {children}
          {empty ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
