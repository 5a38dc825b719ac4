import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { listIndexedApis } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { getRequestFormData } from './requestable-roles';
import { getUserAccessToken } from '@/lib/auth/user-token';
import { OnBehalfOfRefusal } from '@/lib/azure/identity/on-behalf-of-token';
import { listWorkloadClients } from '@/lib/directory/workload-clients';

/**
 * The APIs one can request roles of, and the form for the chosen one: for the user, or (`forApp`) for one of the
 * applications they own or a managed identity, listed from Graph on their behalf.
 */
export async function loadNewRequestPage(
  user: PortalUser,
  apiId: string | undefined,
  options: { forApp?: boolean; database?: Kysely<Database>; userToken?: () => Promise<string> } = {},
) {
  const conn = options.database ?? (await db());
  const apis = (await listIndexedApis(conn)).filter((api) => api.appId !== null);
  const data = apiId ? await getRequestFormData(conn, user, apiId, options.forApp ? 'app' : 'user') : null;
  if (!options.forApp) return { apis, data, clients: null, clientsError: null };
  try {
    const token = await (options.userToken ?? (() => getUserAccessToken(user.oid)))();
    return { apis, data, clients: await listWorkloadClients(token, { managedIdentities: true }), clientsError: null };
  } catch (error) {
    if (!(error instanceof OnBehalfOfRefusal)) throw error;
    console.error('[request form] reading owned objects on the user’s behalf failed', error.cause);
    return { apis, data, clients: [], clientsError: `Roleport could not read your applications from Microsoft Entra: ${error.detail}` };
  }
}
