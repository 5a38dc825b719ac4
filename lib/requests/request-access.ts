import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { getIndexedApp } from '@/lib/catalog/read-index';
import type { IndexedApp } from '@/lib/catalog/catalog-types';
import type { AccessRequestRow, Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import type { TransitionActor } from './request-state-machine';

/** Who may decide requests for an app's roles: a portal admin or an owner of the app registration (per Graph). */
export function isApproverOf(user: PortalUser, app: Pick<IndexedApp, 'owners'> | null): boolean {
  return user.isAdmin || (app?.owners.some((owner) => owner.id === user.oid) ?? false);
}

export function transitionActor(
  user: PortalUser,
  request: Pick<AccessRequestRow, 'requester_oid'>,
  app: Pick<IndexedApp, 'owners'> | null,
): TransitionActor {
  const isOwner = app?.owners.some((owner) => owner.id === user.oid) ?? false;
  return { isRequester: request.requester_oid === user.oid, isApprover: isOwner, isAdmin: user.isAdmin, isSystem: false };
}

/** The same answer for a missing request and someone else's, so ids cannot be probed. */
export const requestNotFound = () => new UserFacingError('There is no such request, or it is not yours to see.', 'not_found', 404);

/** Loads a request the user may act on (requester, admin or owner of its app); anything else reads as not found. */
export async function loadRequestFor(
  db: Kysely<Database>,
  user: PortalUser,
  requestId: string,
): Promise<{ request: AccessRequestRow; app: IndexedApp | null; actor: TransitionActor }> {
  const request = await db.selectFrom('access_request').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!request) throw requestNotFound();
  const app = await getIndexedApp(db, request.app_id);
  const actor = transitionActor(user, request, app);
  if (!actor.isRequester && !actor.isApprover && !actor.isAdmin) throw requestNotFound();
  return { request, app, actor };
}

export const systemActor = { oid: null, name: 'Roleport' } as const;
export const auditActor = (user: PortalUser) => ({ oid: user.oid, name: user.name });
