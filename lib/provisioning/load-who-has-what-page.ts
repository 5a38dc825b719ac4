import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { listIndexedApis } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { lastReconciliation, lastSubscriptionReconciliation } from './last-reconciliation';
import { listSubscriptionHolders } from './list-subscription-holders';
import { assignmentMatches, grantMatches, type WhoHasWhatFilters } from './who-has-what-filters';
import { getRequestForUser, listGrants } from '@/lib/requests/query-requests';

/** APIs per page: each is a section with its own table. */
export const WHO_HAS_WHAT_PAGE_SIZE = 10;

/**
 * Roleport's grants per API with the last stored comparison with Entra, narrowed by the filters and paged by API, the
 * grant just revoked, and who holds a subscription to each product (paged on its own); reading changes nothing.
 */
export async function loadWhoHasWhatPage(
  user: PortalUser,
  revokedId: string | undefined,
  filters: WhoHasWhatFilters = { q: '', api: '', page: 1, subscriptionPage: 1 },
  database?: Kysely<Database>,
) {
  const conn = database ?? (await db());
  const [apis, runs, grants, revocation, subscriptions, subscriptionRun] = await Promise.all([
    listIndexedApis(conn),
    lastReconciliation(conn, user),
    listGrants(conn, user),
    revokedId ? getRequestForUser(conn, user, revokedId) : null,
    // An API filter narrows the page to that API's roles; products are another axis, shown when no API is chosen.
    filters.api ? null : listSubscriptionHolders(conn, user, { q: filters.q, page: filters.subscriptionPage }),
    lastSubscriptionReconciliation(conn, user),
  ]);
  const linked = apis.filter((api) => api.appId !== null);
  const matching = linked
    .filter((api) => !filters.api || api.id === filters.api)
    .map((api) => {
      const run = runs.get(api.id) ?? null;
      const report = run?.report ?? null;
      return {
        api,
        run,
        error: run?.error ?? null,
        removedInEntra: report?.removedInEntra ?? [],
        external: (report?.external ?? []).filter((a) => assignmentMatches(filters.q, a)),
        grants: grants.filter((g) => g.apiId === api.id && grantMatches(filters.q, g)),
      };
    })
    // A search shows only the APIs where someone matches it.
    .filter((section) => !filters.q || section.grants.length + section.external.length > 0);
  const pages = Math.max(1, Math.ceil(matching.length / WHO_HAS_WHAT_PAGE_SIZE));
  const page = Math.min(filters.page, pages);
  return {
    sections: matching.slice((page - 1) * WHO_HAS_WHAT_PAGE_SIZE, page * WHO_HAS_WHAT_PAGE_SIZE),
    apiCount: matching.length,
    holderCount: matching.reduce((n, s) => n + s.grants.length + s.external.length, 0),
    page,
    apis: linked.map((api) => ({ id: api.id, displayName: api.displayName })),
    revocation,
    subscriptions,
    subscriptionRun: subscriptionRun ? { ranAt: subscriptionRun.ranAt, error: subscriptionRun.error } : null,
  };
}
