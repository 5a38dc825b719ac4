import 'server-only';
import { redirect } from 'next/navigation';
import { ownsAppNow } from '@/lib/auth/app-ownership';
import { requireUser, type PortalUser } from '@/lib/auth/session';
import { getIndexSnapshot } from '@/lib/catalog/index-snapshot';
import { db } from '@/lib/db/portal-database';
import { decidableScope } from '@/lib/requests/approver-policy';

/** App ids the user owns per the index and, confirmed in Graph within the last minute, still owns. */
async function confirmedOwnedAppIds(user: PortalUser, listedAppIds: string[]): Promise<string[]> {
  const { apps } = await getIndexSnapshot(await db());
  const listed = apps.filter((app) => listedAppIds.includes(app.appId));
  const confirmed = await Promise.all(listed.map((app) => ownsAppNow(user.oid, app.objectId)));
  return listed.filter((_, i) => confirmed[i]).map((app) => app.appId);
}

/**
 * Pages and actions of the approval queue: portal admins, app registration owners and members of a product's approver
 * group only, all re-confirmed in Graph (admin rights by requireUser's session check, group membership by the approver
 * policy). With `forRequest`, an owner must still own that request's app, a group member approve that request's product.
 */
export async function requireApprover(options: { forRequest?: string } = {}): Promise<PortalUser> {
  const user = await requireUser();
  if (user.isAdmin) return user;
  const conn = await db();
  const scope = await decidableScope(conn, user);
  const owned = scope ? await confirmedOwnedAppIds(user, scope.appIds) : [];
  const products = scope?.productIds ?? [];
  if (owned.length === 0 && products.length === 0) redirect('/forbidden');
  if (options.forRequest !== undefined) {
    const request = await conn
      .selectFrom('access_request')
      .select(['kind', 'app_id', 'product_id'])
      .where('id', '=', options.forRequest)
      .executeTakeFirst();
    // A request that does not exist is left to the action, which answers as for any request one may not see.
    const reaches = request?.kind === 'subscription' ? products.includes(request.product_id ?? '') : owned.includes(request?.app_id ?? '');
    if (request && !reaches) redirect('/forbidden');
  }
  return user;
}
