import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { listIndexedApis } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { lastReconciliation } from './last-reconciliation';
import { getRequestForUser, listGrants } from '@/lib/requests/query-requests';

/** Roleport's grants per API with the last stored comparison with Entra, and the grant just revoked; reading changes nothing. */
export async function loadWhoHasWhatPage(user: PortalUser, revokedId: string | undefined, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  const [apis, runs, grants, revocation] = await Promise.all([
    listIndexedApis(conn),
    lastReconciliation(conn, user),
    listGrants(conn, user),
    revokedId ? getRequestForUser(conn, user, revokedId) : null,
  ]);
  const sections = apis
    .filter((api) => api.appId !== null)
    .map((api) => {
      const run = runs.get(api.id) ?? null;
      return { api, run, report: run?.report ?? null, error: run?.error ?? null, grants: grants.filter((g) => g.apiId === api.id) };
    });
  return { sections, revocation };
}
