import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { loadApiPage, type ApiPageData } from '@/lib/directory/catalog-views';
import { getRequestFormData } from './requestable-roles';
import { roleRequestState, type RoleRequestState } from './role-request-state';

export interface ApiAccessPageData extends ApiPageData {
  /** Per role id, where the user stands on it, shown where the Request button is. */
  requestStates: Record<string, RoleRequestState>;
}

/** The API page: the catalog's view of the API, and for each role whether it is held, asked for, or on what terms it is granted. */
export async function loadApiAccessPage(user: PortalUser, apiId: string, database?: Kysely<Database>): Promise<ApiAccessPageData | null> {
  const data = await loadApiPage(user, apiId);
  if (!data) return null;
  if (!data.app || data.rolesError) return { ...data, requestStates: {} };
  try {
    const form = await getRequestFormData(database ?? (await db()), user, apiId);
    return { ...data, requestStates: Object.fromEntries((form?.roles ?? []).map((role) => [role.id, roleRequestState(role)])) };
  } catch (error) {
    // The page still shows the roles and the Request button; the form states the terms when opened.
    console.error('[api page] reading the request terms failed', error);
    return { ...data, requestStates: {} };
  }
}
