/** An empty list: what is missing, and always what to do next (the children). */
export function EmptyState({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center dark:border-slate-700">
      <h2 className="text-base font-semibold">{title}</h2>
      {children ? <div className="mt-2 text-sm supporting-text">{children}</div> : null}
    </div>
  );
}
