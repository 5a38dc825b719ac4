import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import type { Database } from '@/lib/db/types';
import { decidableAppIds } from '@/lib/requests/approver-policy';
import { approvalQueueQuery } from './approval-queue-query';

export interface ApprovalQueueFacets {
  /** Every request the user can decide now. */
  total: number;
  /** [api id, requests], [role value, requests], by name. */
  apis: [string, number][];
  roles: [string, number][];
  /** The requesters with the most waiting requests (at most REQUESTER_OPTIONS, plus the one filtered on), by name. */
  requesters: { oid: string; name: string; count: number }[];
  /** How many requesters there are in all, so the filter can say it lists only some. */
  requesterCount: number;
}

/** A select of 2,000 people is not a usable filter, and its markup would cost every view of the queue. */
export const REQUESTER_OPTIONS = 100;

/**
 * The filter options of the approval queue with how many requests each holds, counted in the database (GROUP BY over the
 * pending requests the user can decide) rather than by loading the whole queue.
 */
export async function approvalQueueFacets(
  db: Kysely<Database>,
  user: PortalUser,
  selectedRequester?: string,
): Promise<ApprovalQueueFacets> {
  const appIds = await decidableAppIds(db, user);
  if (appIds?.length === 0) return { total: 0, apis: [], roles: [], requesters: [], requesterCount: 0 };
  const pending = () => approvalQueueQuery(db, user, appIds);
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
  const people = requesters.map((r) => ({ oid: r.requester_oid, name: String(r.name ?? r.requester_oid), count: Number(r.n) }));
  const listed = [...people].sort((a, b) => b.count - a.count || a.oid.localeCompare(b.oid)).slice(0, REQUESTER_OPTIONS);
  const selected = people.find((p) => p.oid === selectedRequester);
  if (selected && !listed.includes(selected)) listed.push(selected);
  return {
    total: apis.reduce((sum, row) => sum + Number(row.n), 0),
    apis: byName(
      apis.map((r): [string, number] => [r.api_id, Number(r.n)]),
      ([id]) => id,
    ),
    roles: byName(
      roles.map((r): [string, number] => [r.role_value, Number(r.n)]),
      ([value]) => value,
    ),
    requesters: byName(listed, (p) => p.name),
    requesterCount: people.length,
  };
}
