export function RoleChip({ value, held, title }: { value: string; held?: boolean; title?: string }) {
  return (
    <span
      title={title}
      data-role={value}
      className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 font-mono text-xs ${
        held
          ? 'border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-300'
          : 'border-slate-300 bg-white text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300'
      }`}
    >
      {held ? <span aria-label="held">✓</span> : null}
      {value}
    </span>
  );
}
