import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import type { AuditSearch } from '@/lib/audit/parse-audit-filters';

/** A GET form, so filters live in the URL and the CSV export can take the same query. */
export function AuditFiltersForm({ search }: { search: AuditSearch }) {
  const text = (name: keyof AuditSearch, label: string, placeholder: string, max: number) => (
    <Field label={label} labelSize="xs">
      {(control) => <Input {...control} name={name} defaultValue={search[name]} placeholder={placeholder} maxLength={max} />}
    </Field>
  );
  return (
    <form method="get" role="search" className="mb-6 flex flex-wrap items-end gap-3">
      {text('actor', 'Actor (object id)', 'user object id', 64)}
      {text('action', 'Action', 'e.g. request.approved', 120)}
      {text('subjectType', 'Subject type', 'e.g. access_request', 64)}
      {text('subjectId', 'Subject id', 'id', 256)}
      <Field label="From" labelSize="xs">
        {(control) => <Input {...control} type="date" name="from" defaultValue={search.from} />}
      </Field>
      <Field label="To" labelSize="xs">
        {(control) => <Input {...control} type="date" name="to" defaultValue={search.to} />}
      </Field>
      <Button type="submit" variant="primary" size="md">
        Apply
      </Button>
      <Link href="/admin/audit" className="py-2 text-sm">
        Clear
      </Link>
    </form>
  );
}
