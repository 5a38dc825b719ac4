import { cx } from './cx';

// `.control` and `.control-<size>` are component classes in app/globals.css.
const SIZES = ['sm', 'md'] as const;

export type ControlSize = (typeof SIZES)[number];

export const CONTROL_SIZES: readonly ControlSize[] = SIZES;

/**
 * How every text input, select and textarea looks; an invalid one (aria-invalid) gets a red border. The caller's
 * classes (a width, a height, a monospace font) are utilities and win over the component classes.
 */
export function controlClass(size: ControlSize = 'md', className?: string): string {
  return cx('control', `control-${size}`, className);
}
