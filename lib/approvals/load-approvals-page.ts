import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { getIndexSnapshot } from '@/lib/catalog/index-snapshot';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { parseQueueCursor } from './approval-queue-cursor';
import { approvalQueueFacets } from './approval-queue-facets';
import type { ApprovalQueueFilter } from './approval-queue-query';
import { listOwnWaiting } from './list-approval-queue';
import { pageApprovalQueue } from './page-approval-queue';
import { requesterHoldings } from './requester-holdings';
import { getRequestForUser, listGrants } from '@/lib/requests/query-requests';
import { loadRoleOperations } from '@/lib/requests/role-operations';

export const APPROVAL_QUEUE_PAGE_SIZE = 25;

type Cursors = { after?: string | string[]; before?: string | string[] };

/**
 * One page of the approval queue (keyset, cursors `after`/`before` from the URL) with the filter options counted over the
 * whole queue, what each requester already holds on the API, failed grants for admins, the request just decided, and the
 * user's own requests that wait for someone else. A malformed cursor reads no page and sets `badCursor`.
 */
export async function loadApprovalsPage(
  user: PortalUser,
  filter: ApprovalQueueFilter,
  decidedId: string,
  cursors: Cursors = {},
  database?: Kysely<Database>,
) {
  const conn = database ?? (await db());
  const after = parseQueueCursor(cursors.after);
  const before = parseQueueCursor(cursors.before);
  const badCursor = after === 'invalid' || before === 'invalid';
  const empty = { requests: [], total: 0, before: 0, nextCursor: null, prevCursor: null };
  const [page, facets, index, failed, decided, ownWaiting] = await Promise.all([
    badCursor
      ? Promise.resolve(empty)
      : pageApprovalQueue(conn, user, filter, { after: after ?? undefined, before: before ?? undefined }, APPROVAL_QUEUE_PAGE_SIZE),
    approvalQueueFacets(conn, user, { apiId: filter.apiId, requesterOid: filter.requesterOid }),
    getIndexSnapshot(conn),
    user.isAdmin ? listGrants(conn, user, { status: ['failed'] }) : Promise.resolve([]),
    decidedId ? getRequestForUser(conn, user, decidedId) : Promise.resolve(null),
    listOwnWaiting(conn, user),
  ]);
  const shown = page.requests;
  const [operations, holdings] = await Promise.all([loadRoleOperations(conn, shown), requesterHoldings(shown)]);
  return {
    page,
    badCursor,
    facets,
    shown,
    failed,
    decided,
    operations,
    holdings,
    ownWaiting,
    apiName: new Map(index.apis.map((api) => [api.id, api.displayName])),
    now: Date.now(),
  };
}
