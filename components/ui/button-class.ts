import { cx } from './cx';

// Each variant and size is a component class in app/globals.css (`.btn-<variant>`, `.btn-<size>`), so a page carries
// three short names per button instead of the utilities they stand for.
const VARIANTS = ['primary', 'secondary', 'success', 'danger', 'danger-outline', 'ghost', 'danger-ghost'] as const;
const SIZES = ['xs', 'sm', 'md', 'lg'] as const;

export type ButtonVariant = (typeof VARIANTS)[number];
export type ButtonSize = (typeof SIZES)[number];

export const BUTTON_VARIANTS: readonly ButtonVariant[] = VARIANTS;
export const BUTTON_SIZES: readonly ButtonSize[] = SIZES;

/**
 * The one definition of how a button looks; links that act as buttons take the same classes. The caller's classes are
 * utilities, a later cascade layer than the component classes, so they win where both set the same property.
 */
export function buttonClass(variant: ButtonVariant = 'secondary', size: ButtonSize = 'sm', className?: string): string {
  return cx('btn', `btn-${variant}`, `btn-${size}`, className);
}
