import Link from 'next/link';
import type { AuditSearch } from '@/lib/audit/parse-audit-filters';

const FIELD = 'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900';

/** A GET form, so filters live in the URL and the CSV export can take the same query. */
export function AuditFiltersForm({ search }: { search: AuditSearch }) {
  const text = (name: keyof AuditSearch, label: string, placeholder: string, max: number) => (
    <label className="flex flex-col gap-1 text-xs font-medium">
      {label}
      <input name={name} defaultValue={search[name]} placeholder={placeholder} maxLength={max} className={FIELD} />
    </label>
  );
  return (
    <form method="get" role="search" className="mb-6 flex flex-wrap items-end gap-3">
      {text('actor', 'Actor (object id)', 'user object id', 64)}
      {text('action', 'Action', 'e.g. request.approved', 120)}
      {text('subjectType', 'Subject type', 'e.g. access_request', 64)}
      {text('subjectId', 'Subject id', 'id', 256)}
      <label className="flex flex-col gap-1 text-xs font-medium">
        From
        <input type="date" name="from" defaultValue={search.from} className={FIELD} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        To
        <input type="date" name="to" defaultValue={search.to} className={FIELD} />
      </label>
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        Apply
      </button>
      <Link href="/admin/audit" className="py-2 text-sm">
        Clear
      </Link>
    </form>
  );
}
