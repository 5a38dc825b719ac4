import 'server-only';
import type { Kysely } from 'kysely';
import { OnBehalfOfRefusal } from '@/lib/azure/identity/on-behalf-of-token';
import { listClientAssignments } from '@/lib/azure/graph/client-principals';
import { getUserAccessToken } from '@/lib/auth/user-token';
import type { PortalUser } from '@/lib/auth/session';
import { getIndexSnapshot } from '@/lib/catalog/index-snapshot';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { listWorkloadClients, type WorkloadClient } from '@/lib/directory/workload-clients';
import { OPEN_STATUSES } from './request-state-machine';
import { toRequestView, type AccessRequestView } from './request-view';

export interface HeldAppRole {
  roleValue: string;
  /** The API app registration's name, and the catalog APIs it secures. */
  resourceName: string;
  apis: { id: string; displayName: string }[];
  assignedAt: string;
}

export interface MyApp {
  client: WorkloadClient;
  holds: HeldAppRole[];
  /** Open requests for it (pending, approved, provisioning, active, failed), by any of its owners. */
  requests: AccessRequestView[];
}

export interface MyAppsPage {
  apps: MyApp[];
  /** Requests this user made for managed identities (which they cannot own). */
  managedIdentityRequests: AccessRequestView[];
  /** Set when Graph could not be read on the user's behalf; the page says why instead of listing nothing. */
  error: string | null;
}

/** The applications the signed-in developer owns, the app roles each holds per API, and the requests for them. */
export async function loadMyAppsPage(
  user: PortalUser,
  database?: Kysely<Database>,
  userToken: () => Promise<string> = () => getUserAccessToken(user.oid),
): Promise<MyAppsPage> {
  const conn = database ?? (await db());
  const mine = await conn
    .selectFrom('access_request')
    .selectAll()
    .where('requester_oid', '=', user.oid)
    .where('client_sp_type', '=', 'ManagedIdentity')
    .where('status', 'in', OPEN_STATUSES)
    .orderBy('created_at', 'desc')
    .execute();
  let clients: WorkloadClient[];
  try {
    clients = await listWorkloadClients(await userToken());
  } catch (error) {
    if (!(error instanceof OnBehalfOfRefusal)) throw error;
    console.error('[my apps] reading owned objects on the user’s behalf failed', error.cause);
    return {
      apps: [],
      managedIdentityRequests: mine.map(toRequestView),
      error: `Roleport could not read your applications from Microsoft Entra on your behalf: ${error.detail}`,
    };
  }
  const { apps: indexed, apis } = await getIndexSnapshot(conn);
  const resourceBySp = new Map(indexed.filter((a) => a.servicePrincipalId).map((a) => [a.servicePrincipalId!.toLowerCase(), a]));
  const spIds = clients.map((c) => c.servicePrincipalId.toLowerCase());
  const requests = spIds.length
    ? await conn
        .selectFrom('access_request')
        .selectAll()
        .where('principal_id', 'in', spIds)
        .where('status', 'in', OPEN_STATUSES)
        .orderBy('created_at', 'desc')
        .execute()
    : [];
  const apps = await Promise.all(
    clients.map(async (client): Promise<MyApp> => {
      const assignments = await listClientAssignments(client.servicePrincipalId);
      const holds = assignments.flatMap((a) => {
        const resource = resourceBySp.get(a.resourceId.toLowerCase());
        const role = resource?.appRoles.find((r) => r.id.toLowerCase() === a.appRoleId.toLowerCase());
        if (!resource || !role) return [];
        return [
          {
            roleValue: role.value,
            resourceName: resource.displayName,
            apis: apis.filter((api) => api.appId === resource.appId).map((api) => ({ id: api.id, displayName: api.displayName })),
            assignedAt: a.createdDateTime,
          },
        ];
      });
      const own = requests.filter((r) => r.principal_id === client.servicePrincipalId.toLowerCase()).map(toRequestView);
      return { client, holds, requests: own };
    }),
  );
  return { apps, managedIdentityRequests: mine.map(toRequestView), error: null };
}
