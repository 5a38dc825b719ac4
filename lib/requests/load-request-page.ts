import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { getIndexedApi } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { getRequestForUser } from './query-requests';
import { loadRoleOperations } from './role-operations';

/** One request with its API and what its role allows; null when it does not exist or is not the user's to see. */
export async function loadRequestPage(user: PortalUser, requestId: string, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  // Someone else's request reads exactly like a missing one.
  const request = await getRequestForUser(conn, user, requestId);
  if (!request) return null;
  const [api, operations] = await Promise.all([getIndexedApi(conn, request.apiId), loadRoleOperations(conn, [request])]);
  return { request, api, operations, renderedAt: Date.now() };
}
