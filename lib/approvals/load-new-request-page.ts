import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { listIndexedApis } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { getRequestFormData } from './requestable-roles';

/** The APIs one can request roles of, and the form for the chosen one. */
export async function loadNewRequestPage(user: PortalUser, apiId: string | undefined, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  const apis = (await listIndexedApis(conn)).filter((api) => api.appId !== null);
  const data = apiId ? await getRequestFormData(conn, user, apiId) : null;
  return { apis, data };
}
