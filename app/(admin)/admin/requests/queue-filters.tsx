import { FilterForm } from '@/components/ui/filter-form';
import { SelectField } from '@/components/ui/select-field';
import type { ApprovalQueueFacets } from '@/lib/approvals/approval-queue-facets';
import type { ApprovalQueueFilter } from '@/lib/approvals/approval-queue-query';

const AGES = [1, 3, 7, 30];

/** A facet's label says when its list holds only the values with most requests, not all of them. */
const mostRequests = (label: string, shown: number, total: number) => (shown < total ? `${label} (${shown} with most requests)` : label);

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

/** A GET form over the whole queue, each option with how many requests it holds. */
export function QueueFilters({
  facets,
  filter,
  apiName,
}: {
  facets: ApprovalQueueFacets;
  filter: ApprovalQueueFilter;
  apiName: Map<string, string>;
}) {
  return (
    <FilterForm className="mb-4">
      <SelectField
        label={mostRequests('API', facets.apis.length, facets.apiCount)}
        name="api"
        defaultValue={filter.apiId ?? ''}
        emptyOption="All APIs"
        options={facets.apis.map(([id, n]) => ({ value: id, label: `${apiName.get(id) ?? id} (${n})` }))}
      />
      <SelectField
        label="Role"
        name="role"
        defaultValue={filter.roleValue ?? ''}
        emptyOption="All roles"
        options={facets.roles.map(([value, n]) => ({ value, label: `${value} (${n})` }))}
      />
      <SelectField
        label={mostRequests('Requester', facets.requesters.length, facets.requesterCount)}
        name="requester"
        defaultValue={filter.requesterOid ?? ''}
        emptyOption="Anyone"
        options={facets.requesters.map((r) => ({ value: r.oid, label: `${r.name} (${r.count})` }))}
      />
      <SelectField
        label="Waiting"
        name="age"
        defaultValue={filter.olderThanDays ? String(filter.olderThanDays) : ''}
        emptyOption="Any time"
        options={AGES.map((days) => ({ value: String(days), label: days === 1 ? 'over a day' : `over ${days} days` }))}
      />
    </FilterForm>
  );
}
