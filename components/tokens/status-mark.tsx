const MARKS = {
  pass: { label: 'pass', className: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300' },
  ok: { label: 'ok', className: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300' },
  fail: { label: 'fail', className: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300' },
  error: { label: 'error', className: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300' },
  warn: { label: 'warn', className: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300' },
  skip: { label: 'skip', className: 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-400' },
} as const;

/** A pass/fail/warn/skip tag, worded so it reads without colour. */
export function StatusMark({ status }: { status: keyof typeof MARKS }) {
  const mark = MARKS[status];
  return (
    <span
      className={`inline-block w-12 shrink-0 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold uppercase ${mark.className}`}
    >
      {mark.label}
    </span>
  );
}
