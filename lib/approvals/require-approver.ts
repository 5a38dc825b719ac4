import 'server-only';
import { redirect } from 'next/navigation';
import { ownsAppNow } from '@/lib/auth/app-ownership';
import { requireUser, type PortalUser } from '@/lib/auth/session';
import { getIndexSnapshot } from '@/lib/catalog/index-snapshot';
import { db } from '@/lib/db/portal-database';

/** App ids the user owns per the index and, confirmed in Graph within the last minute, still owns. */
async function confirmedOwnedAppIds(user: PortalUser): Promise<string[]> {
  const { apps } = await getIndexSnapshot(await db());
  const listed = apps.filter((app) => app.owners.some((o) => o.id === user.oid));
  const confirmed = await Promise.all(listed.map((app) => ownsAppNow(user.oid, app.objectId)));
  return listed.filter((_, i) => confirmed[i]).map((app) => app.appId);
}

/**
 * Pages and actions of the approval queue: portal admins and app registration owners only, both re-confirmed in Graph
 * (admin rights by requireUser's session check). With `forRequest`, an owner must still own that request's app.
 */
export async function requireApprover(options: { forRequest?: string } = {}): Promise<PortalUser> {
  const user = await requireUser();
  if (user.isAdmin) return user;
  const owned = await confirmedOwnedAppIds(user);
  if (owned.length === 0) redirect('/forbidden');
  if (options.forRequest !== undefined) {
    const request = await (
      await db()
    )
      .selectFrom('access_request')
      .select('app_id')
      .where('id', '=', options.forRequest)
      .executeTakeFirst();
    // A request that does not exist is left to the action, which answers as for any request one may not see.
    if (request && !owned.includes(request.app_id)) redirect('/forbidden');
  }
  return user;
}
