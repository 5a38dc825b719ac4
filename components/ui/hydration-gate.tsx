'use client';

import { cx } from './cx';
import { useHydrated } from './use-hydrated';

/**
 * Disables every control inside it until React has hydrated them: a choice made or text typed before then would be
 * reset by hydration and lost without a word. The fieldset draws no box of its own (`contents`), so its children lay
 * out as children of its parent; `className` applies to them as it would on the parent (spacing, say).
 */
export function HydrationGate({ className, children }: { className?: string; children: React.ReactNode }) {
  const hydrated = useHydrated();
  return (
    <fieldset disabled={!hydrated} className={cx('contents', className)}>
      {children}
    </fieldset>
  );
}
