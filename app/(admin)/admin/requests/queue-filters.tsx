import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import type { ApprovalQueueFacets } from '@/lib/approvals/approval-queue-facets';
import type { ApprovalQueueFilter } from '@/lib/approvals/approval-queue-query';

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
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <Field label={facets.apis.length < facets.apiCount ? `API (${facets.apis.length} with most requests)` : 'API'} labelSize="xs">
        {(control) => (
          <Select {...control} name="api" defaultValue={filter.apiId ?? ''}>
            <option value="">All APIs</option>
            {facets.apis.map(([id, n]) => (
              <option key={id} value={id}>
                {apiName.get(id) ?? id} ({n})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Role" labelSize="xs">
        {(control) => (
          <Select {...control} name="role" defaultValue={filter.roleValue ?? ''}>
            <option value="">All roles</option>
            {facets.roles.map(([value, n]) => (
              <option key={value} value={value}>
                {value} ({n})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        label={
          facets.requesters.length < facets.requesterCount ? `Requester (${facets.requesters.length} with most requests)` : 'Requester'
        }
        labelSize="xs"
      >
        {(control) => (
          <Select {...control} name="requester" defaultValue={filter.requesterOid ?? ''}>
            <option value="">Anyone</option>
            {facets.requesters.map((r) => (
              <option key={r.oid} value={r.oid}>
                {r.name} ({r.count})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Waiting" labelSize="xs">
        {(control) => (
          <Select {...control} name="age" defaultValue={filter.olderThanDays ? String(filter.olderThanDays) : ''}>
            <option value="">Any time</option>
            {AGES.map((days) => (
              <option key={days} value={days}>
                {days === 1 ? 'over a day' : `over ${days} days`}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" variant="primary" size="md">
        Apply
      </Button>
    </form>
  );
}
