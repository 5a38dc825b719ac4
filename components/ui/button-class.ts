import { cx } from './cx';

const VARIANTS = {
  primary: 'bg-brand-600 font-semibold text-white hover:bg-brand-700',
  secondary:
    'border border-slate-300 bg-white font-medium hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800',
  success: 'bg-emerald-700 font-semibold text-white hover:bg-emerald-800',
  danger: 'bg-rose-600 font-semibold text-white hover:bg-rose-700',
  'danger-outline':
    'border border-rose-300 bg-white font-semibold text-rose-700 hover:bg-rose-50 dark:border-rose-800 dark:bg-slate-900 dark:text-rose-300 dark:hover:bg-rose-950',
  ghost: 'font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
  'danger-ghost': 'font-medium text-rose-700 hover:bg-rose-50 dark:text-rose-300 dark:hover:bg-rose-950',
} as const;

const SIZES = {
  xs: 'px-2 py-1 text-xs',
  sm: 'px-3 py-1.5 text-sm',
  md: 'px-4 py-2 text-sm',
  lg: 'px-4 py-2.5 text-sm',
} as const;

export type ButtonVariant = keyof typeof VARIANTS;
export type ButtonSize = keyof typeof SIZES;

/** The one definition of how a button looks; links that act as buttons take the same classes. */
export function buttonClass(variant: ButtonVariant = 'secondary', size: ButtonSize = 'sm', className?: string): string {
  return cx('inline-flex items-center justify-center rounded-md disabled:opacity-60', VARIANTS[variant], SIZES[size], className);
}
