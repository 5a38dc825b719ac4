import { cx } from './cx';

const SIZES = {
  sm: 'px-2 py-1.5',
  md: 'px-3 py-2',
} as const;

export type ControlSize = keyof typeof SIZES;

/** How every text input, select and textarea looks; an invalid one (aria-invalid) gets a red border. */
export function controlClass(size: ControlSize = 'md', className?: string): string {
  return cx(
    'rounded-md border border-slate-300 bg-white text-sm font-normal disabled:opacity-60 aria-[invalid=true]:border-rose-500 dark:border-slate-700 dark:bg-slate-900 dark:aria-[invalid=true]:border-rose-400',
    SIZES[size],
    className,
  );
}
