import type { ApprovalQueueFilter } from '@/lib/approvals/list-approval-queue';
import type { AccessRequestView } from '@/lib/requests/request-view';

const FIELD = 'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900';
const AGES = [1, 3, 7, 30];

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export function parseQueueFilter(search: Record<string, string | string[] | undefined>): ApprovalQueueFilter {
  const age = Number(first(search.age));
  return {
    apiId: first(search.api)?.slice(0, 256),
    roleValue: first(search.role)?.slice(0, 120),
    requesterOid: first(search.requester)?.slice(0, 64),
    olderThanDays: AGES.includes(age) ? age : undefined,
  };
}

function countBy(items: AccessRequestView[], key: (r: AccessRequestView) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

/** A GET form over the whole queue, each option with how many requests it holds. */
export function QueueFilters({
  all,
  filter,
  apiName,
}: {
  all: AccessRequestView[];
  filter: ApprovalQueueFilter;
  apiName: Record<string, string>;
}) {
  const requesters = new Map(all.map((r) => [r.requester.oid, r.requester.name]));
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-xs font-medium">
        API
        <select name="api" defaultValue={filter.apiId ?? ''} className={FIELD}>
          <option value="">All APIs</option>
          {countBy(all, (r) => r.apiId).map(([id, n]) => (
            <option key={id} value={id}>
              {apiName[id] ?? id} ({n})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Role
        <select name="role" defaultValue={filter.roleValue ?? ''} className={FIELD}>
          <option value="">All roles</option>
          {countBy(all, (r) => r.roleValue).map(([value, n]) => (
            <option key={value} value={value}>
              {value} ({n})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Requester
        <select name="requester" defaultValue={filter.requesterOid ?? ''} className={FIELD}>
          <option value="">Anyone</option>
          {countBy(all, (r) => r.requester.oid).map(([oid, n]) => (
            <option key={oid} value={oid}>
              {requesters.get(oid) ?? oid} ({n})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Waiting
        <select name="age" defaultValue={filter.olderThanDays ? String(filter.olderThanDays) : ''} className={FIELD}>
          <option value="">Any time</option>
          {AGES.map((days) => (
            <option key={days} value={days}>
              {days === 1 ? 'over a day' : `over ${days} days`}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        Apply
      </button>
    </form>
  );
}
