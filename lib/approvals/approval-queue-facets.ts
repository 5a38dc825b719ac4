import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import type { Database } from '@/lib/db/types';
import { decidableScope, decidesNothing, type DecidableScope } from '@/lib/requests/approver-policy';
import { keptUntilChange } from './kept-until-change';
import { approvalQueueQuery } from './approval-queue-query';

export interface ApprovalQueueFacets {
  /** Every request the user can decide now. */
  total: number;
  /** [api id, requests] (at most FACET_OPTIONS with the most requests, plus the one filtered on), by id. */
  apis: [string, number][];
  /** How many APIs have requests in all, so the filter can say it lists only some. */
  apiCount: number;
  /** [role value, requests], by value. */
  roles: [string, number][];
  /** The requesters with the most waiting requests (at most FACET_OPTIONS, plus the one filtered on), by name. */
  requesters: { oid: string; name: string; count: number }[];
  requesterCount: number;
}

/** A select of 2,000 people or 5,000 APIs is not a usable filter, and its markup would cost every view of the queue. */
export const FACET_OPTIONS = 100;

/** The `FACET_OPTIONS` items with the highest counts, plus the selected one wherever it ranks. */
function mostCounted<T>(items: T[], count: (item: T) => number, key: (item: T) => string, selected: string | undefined): T[] {
  const top = [...items].sort((a, b) => count(b) - count(a) || key(a).localeCompare(key(b))).slice(0, FACET_OPTIONS);
  const chosen = items.find((item) => key(item) === selected);
  return chosen && !top.includes(chosen) ? [...top, chosen] : top;
}

type Selected = { apiId?: string; requesterOid?: string };

/**
 * The filter options of the approval queue with how many requests each holds, counted in the database (GROUP BY over the
 * pending requests the user can decide) rather than by loading the whole queue, and counted again only after a change.
 */
export async function approvalQueueFacets(db: Kysely<Database>, user: PortalUser, selected: Selected = {}): Promise<ApprovalQueueFacets> {
  const scope = await decidableScope(db, user);
  if (decidesNothing(scope)) return { total: 0, apis: [], apiCount: 0, roles: [], requesters: [], requesterCount: 0 };
  // Counting the whole queue three ways took 30–40 ms a view at ten thousand waiting requests; the counts change only
  // when a request does.
  return keptUntilChange(db, ['facets', user.oid, user.isAdmin, scope, selected.apiId ?? null, selected.requesterOid ?? null], () =>
    countFacets(db, user, scope, selected),
  );
}

async function countFacets(
  db: Kysely<Database>,
  user: PortalUser,
  scope: DecidableScope | null,
  selected: Selected,
): Promise<ApprovalQueueFacets> {
  const pending = () => approvalQueueQuery(db, user, scope);
  const [apis, roles, requesters] = await Promise.all([
    pending()
      .select(['api_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('api_id')
      .execute(),
    pending()
      .select(['role_value', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('role_value')
      .execute(),
    pending()
      .select(['requester_oid', (eb) => eb.fn.max('requester_name').as('name'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('requester_oid')
      .execute(),
  ]);
  const byName = <T>(items: T[], name: (item: T) => string) => items.sort((a, b) => name(a).localeCompare(name(b)));
  const apiCounts = apis.map((r): [string, number] => [r.api_id, Number(r.n)]);
  const people = requesters.map((r) => ({ oid: r.requester_oid, name: String(r.name ?? r.requester_oid), count: Number(r.n) }));
  return {
    total: apiCounts.reduce((sum, [, n]) => sum + n, 0),
    apis: byName(
      mostCounted(
        apiCounts,
        ([, n]) => n,
        ([id]) => id,
        selected.apiId,
      ),
      ([id]) => id,
    ),
    apiCount: apiCounts.length,
    roles: byName(
      roles.map((r): [string, number] => [r.role_value, Number(r.n)]),
      ([value]) => value,
    ),
    requesters: byName(
      mostCounted(
        people,
        (p) => p.count,
        (p) => p.oid,
        selected.requesterOid,
      ),
      (p) => p.name,
    ),
    requesterCount: people.length,
  };
}
