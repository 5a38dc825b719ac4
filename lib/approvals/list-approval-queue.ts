import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import type { Database } from '@/lib/db/types';
import { decidableAppIds, whereDecidable } from '@/lib/requests/approver-policy';
import { toRequestView, type AccessRequestView } from '@/lib/requests/request-view';
import { approvalQueueQuery, type ApprovalQueueFilter } from './approval-queue-query';

export type { ApprovalQueueFilter } from './approval-queue-query';

// Who may decide what is the approver policy's answer; this file only filters and counts it.
const pendingFor = (db: Kysely<Database>, user: PortalUser, appIds: string[] | null) =>
  whereDecidable(db.selectFrom('access_request'), user, appIds);

/** Pending requests the user can decide now, oldest first. */
export async function listApprovalQueue(
  db: Kysely<Database>,
  user: PortalUser,
  filter: ApprovalQueueFilter = {},
): Promise<AccessRequestView[]> {
  const appIds = await decidableAppIds(db, user);
  if (appIds?.length === 0) return [];
  const rows = await approvalQueueQuery(db, user, appIds, filter)
    .selectAll('access_request')
    .orderBy('created_at')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map(toRequestView);
}

/** The number on the navigation badge. */
export async function countPendingForApprover(db: Kysely<Database>, user: PortalUser): Promise<number> {
  const appIds = await decidableAppIds(db, user);
  if (appIds?.length === 0) return 0;
  const row = await pendingFor(db, user, appIds)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Portal admins and owners of at least one indexed app registration may open the approval queue. */
export async function isApprover(db: Kysely<Database>, user: PortalUser): Promise<boolean> {
  const appIds = await decidableAppIds(db, user);
  return appIds === null || appIds.length > 0;
}

/**
 * The user's own pending requests on apps they approve. They never enter the user's queue (nobody decides their own
 * request), so the queue says in one line that they wait for someone else.
 */
export async function listOwnWaiting(db: Kysely<Database>, user: PortalUser): Promise<AccessRequestView[]> {
  const appIds = await decidableAppIds(db, user);
  if (appIds?.length === 0) return [];
  let query = db.selectFrom('access_request').selectAll().where('status', '=', 'pending').where('requester_oid', '=', user.oid);
  if (appIds !== null) query = query.where('app_id', 'in', appIds);
  return (await query.orderBy('created_at').limit(50).execute()).map(toRequestView);
}
