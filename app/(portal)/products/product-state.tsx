/** The caller's standing with a product, in words. */
export function ProductState({ state }: { state: string | null }) {
  if (!state) return <span className="muted">not subscribed</span>;
  const tone = state === 'subscribed' ? 'text-emerald-700 dark:text-emerald-300' : 'text-amber-700 dark:text-amber-300';
  return (
    <span className={tone} data-testid="product-state">
      {state}
    </span>
  );
}
