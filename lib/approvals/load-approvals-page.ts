import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { listIndexedApis } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { listApprovalQueue, type ApprovalQueueFilter } from './list-approval-queue';
import { getRequestForUser, listGrants } from '@/lib/requests/query-requests';
import { loadRoleOperations } from '@/lib/requests/role-operations';

/** The approval queue (all of it, for the filter counts, and the filtered part), failed grants for admins, and the request just decided. */
export async function loadApprovalsPage(user: PortalUser, filter: ApprovalQueueFilter, decidedId: string, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  const [all, shown, apis, failed, decided] = await Promise.all([
    listApprovalQueue(conn, user),
    listApprovalQueue(conn, user, filter),
    listIndexedApis(conn),
    user.isAdmin ? listGrants(conn, user, { status: ['failed'] }) : Promise.resolve([]),
    decidedId ? getRequestForUser(conn, user, decidedId) : Promise.resolve(null),
  ]);
  const operations = await loadRoleOperations(conn, shown);
  return {
    all,
    shown,
    failed,
    decided,
    operations,
    apiName: new Map(apis.map((api) => [api.id, api.displayName])),
    now: Date.now(),
  };
}
