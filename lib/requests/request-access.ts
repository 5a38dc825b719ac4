import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import type { IndexedApp } from '@/lib/catalog/catalog-types';
import type { AccessRequestRow, Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { requestActor } from './approver-policy';
import type { TransitionActor } from './request-state-machine';

/** The same answer for a missing request and someone else's, so ids cannot be probed. */
export const requestNotFound = () => new UserFacingError('There is no such request, or it is not yours to see.', 'not_found', 404);

/** Loads a request the user may act on (requester, admin or one of its approvers); anything else reads as not found. */
export async function loadRequestFor(
  db: Kysely<Database>,
  user: PortalUser,
  requestId: string,
): Promise<{ request: AccessRequestRow; app: IndexedApp | null; actor: TransitionActor }> {
  const request = await db.selectFrom('access_request').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!request) throw requestNotFound();
  const { app, actor } = await requestActor(db, user, request);
  if (!actor.isRequester && !actor.isApprover && !actor.isAdmin) throw requestNotFound();
  return { request, app, actor };
}

export const systemActor = { oid: null, name: 'Roleport' } as const;
export const auditActor = (user: PortalUser) => ({ oid: user.oid, name: user.name });
