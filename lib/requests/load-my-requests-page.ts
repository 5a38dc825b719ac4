import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { listIndexedApis } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { listMyRequests } from './query-requests';

/** The user's own requests, newest first, with API names to show them by. */
export async function loadMyRequestsPage(user: PortalUser, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  const [requests, apis] = await Promise.all([listMyRequests(conn, user), listIndexedApis(conn)]);
  return { requests, apiName: new Map(apis.map((api) => [api.id, api.displayName])) };
}
