import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import type { Database } from '@/lib/db/types';
import { decidableScope, decidesNothing, whereDecidable, type DecidableScope } from '@/lib/requests/approver-policy';
import { toRequestView, type AccessRequestView } from '@/lib/requests/request-view';
import { approvalQueueQuery, type ApprovalQueueFilter } from './approval-queue-query';
import { APPROVALS_BADGE_CAP } from './approvals-badge-cap';

export type { ApprovalQueueFilter } from './approval-queue-query';

// Who may decide what is the approver policy's answer; this file only filters and counts it.
const pendingFor = (db: Kysely<Database>, user: PortalUser, scope: DecidableScope | null) =>
  whereDecidable(db.selectFrom('access_request'), user, scope);

/** Pending requests the user can decide now, oldest first. */
export async function listApprovalQueue(
  db: Kysely<Database>,
  user: PortalUser,
  filter: ApprovalQueueFilter = {},
): Promise<AccessRequestView[]> {
  const scope = await decidableScope(db, user);
  if (decidesNothing(scope)) return [];
  const rows = await approvalQueueQuery(db, user, scope, filter)
    .selectAll('access_request')
    .orderBy('created_at')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map(toRequestView);
}

/** The number on the navigation badge, up to `cap`. */
export async function countPendingForApprover(db: Kysely<Database>, user: PortalUser, cap = APPROVALS_BADGE_CAP): Promise<number> {
  const scope = await decidableScope(db, user);
  if (decidesNothing(scope)) return 0;
  const row = await db
    .selectFrom(pendingFor(db, user, scope).select('access_request.id').limit(cap).as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Portal admins, owners of at least one indexed app registration and members of a product's approver group may open the
 * approval queue.
 */
export async function isApprover(db: Kysely<Database>, user: PortalUser): Promise<boolean> {
  return !decidesNothing(await decidableScope(db, user));
}

/**
 * The user's own pending requests of the kind they approve (their apps' roles, their products' subscriptions). They never enter the user's queue (nobody decides their own
 * request), so the queue says in one line that they wait for someone else.
 */
export async function listOwnWaiting(db: Kysely<Database>, user: PortalUser): Promise<AccessRequestView[]> {
  const scope = await decidableScope(db, user);
  if (decidesNothing(scope)) return [];
  let query = db.selectFrom('access_request').selectAll().where('status', '=', 'pending').where('requester_oid', '=', user.oid);
  // '' keeps an empty list valid SQL; no request of the kind has an empty app or product id.
  if (scope !== null)
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'app-role'), eb('app_id', 'in', ['', ...scope.appIds])]),
        eb.and([eb('kind', '=', 'subscription'), eb('product_id', 'in', ['', ...scope.productIds])]),
      ]),
    );
  return (await query.orderBy('created_at').limit(50).execute()).map(toRequestView);
}
