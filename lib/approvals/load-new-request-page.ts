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
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { checkRenewal } from './check-renewal';

/** The grant a renewal form extends (its justification fills the form in), or why it cannot be renewed. */
export type RenewalOffer =
  { ok: true; grantId: string; apiId: string; roleId: string; expiresAt: string; justification: string } | { ok: false; refusal: string };

async function renewalOffer(conn: Kysely<Database>, user: PortalUser, grantId: string): Promise<RenewalOffer> {
  try {
    const grant = await checkRenewal(conn, user, grantId.toLowerCase());
    return {
      ok: true,
      grantId: grant.id,
      apiId: grant.api_id,
      roleId: grant.role_id,
      expiresAt: grant.expires_at as string,
      justification: grant.justification,
    };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, refusal: error.message };
    throw error;
  }
}

/**
 * The APIs one can request roles of, and the form for the chosen one: for the user, or (`forApp`) for one of the
 * applications they own or a managed identity, listed from Graph on their behalf; or (`renew`) the renewal of one of
 * the user's expiring grants, filled in from it. Reading only: nothing is asked for until the form is submitted.
 */
export async function loadNewRequestPage(
  user: PortalUser,
  apiId: string | undefined,
  options: { forApp?: boolean; renew?: string; database?: Kysely<Database>; userToken?: () => Promise<string> } = {},
) {
  const conn = options.database ?? (await db());
  const apis = (await listIndexedApis(conn)).filter((api) => api.appId !== null);
  const renewal = options.renew && !options.forApp ? await renewalOffer(conn, user, options.renew) : null;
  // A renewal is for the API of its grant, whatever the link said.
  const target = renewal?.ok ? renewal.apiId : apiId;
  const data = target ? await getRequestFormData(conn, user, target, options.forApp ? 'app' : 'user') : null;
  if (!options.forApp) return { apis, data, clients: null, clientsError: null, renewal };
  try {
    const token = await (options.userToken ?? (() => getUserAccessToken(user.oid)))();
    return { apis, data, clients: await listWorkloadClients(token, { managedIdentities: true }), clientsError: null, renewal };
  } catch (error) {
    if (!(error instanceof OnBehalfOfRefusal)) throw error;
    console.error('[request form] reading owned objects on the user’s behalf failed', error.cause);
    return {
      apis,
      data,
      clients: [],
      clientsError: `Roleport could not read your applications from Microsoft Entra: ${error.detail}`,
      renewal,
    };
  }
}
