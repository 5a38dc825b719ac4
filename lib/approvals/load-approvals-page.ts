import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { getIndexSnapshot } from '@/lib/catalog/index-snapshot';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { listApprovalQueue, listOwnWaiting, type ApprovalQueueFilter } from './list-approval-queue';
import { requesterHoldings } from './requester-holdings';
import { getRequestForUser, listGrants } from '@/lib/requests/query-requests';
import { loadRoleOperations } from '@/lib/requests/role-operations';

/**
 * The approval queue (all of it, for the filter counts, and the filtered part) with what each requester already holds on
 * the API, failed grants for admins, the request just decided, and the user's own requests that wait for someone else.
 */
export async function loadApprovalsPage(user: PortalUser, filter: ApprovalQueueFilter, decidedId: string, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  const filtered = Boolean(filter.apiId || filter.roleValue || filter.requesterOid) || filter.olderThanDays !== undefined;
  const [all, filteredShown, { apis }, failed, decided, ownWaiting] = await Promise.all([
    listApprovalQueue(conn, user),
    // Without a filter the shown part is the whole queue: one read, not two.
    filtered ? listApprovalQueue(conn, user, filter) : null,
    // API names from the index parsed once per catalog change, not every API row parsed per view.
    getIndexSnapshot(conn),
    user.isAdmin ? listGrants(conn, user, { status: ['failed'] }) : Promise.resolve([]),
    decidedId ? getRequestForUser(conn, user, decidedId) : Promise.resolve(null),
    listOwnWaiting(conn, user),
  ]);
  const shown = filteredShown ?? all;
  const [operations, holdings] = await Promise.all([loadRoleOperations(conn, shown), requesterHoldings(shown)]);
  return {
    all,
    shown,
    failed,
    decided,
    operations,
    holdings,
    ownWaiting,
    apiName: new Map(apis.map((api) => [api.id, api.displayName])),
    now: Date.now(),
  };
}
