import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { listIndexedApis } from '@/lib/catalog/read-index';
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
  const [all, shown, apis, failed, decided, ownWaiting] = await Promise.all([
    listApprovalQueue(conn, user),
    listApprovalQueue(conn, user, filter),
    listIndexedApis(conn),
    user.isAdmin ? listGrants(conn, user, { status: ['failed'] }) : Promise.resolve([]),
    decidedId ? getRequestForUser(conn, user, decidedId) : Promise.resolve(null),
    listOwnWaiting(conn, user),
  ]);
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
