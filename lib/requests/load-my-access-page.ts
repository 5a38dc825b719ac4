import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { isoAfter } from '@/lib/db/clock';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { loadMyAccess } from '@/lib/directory/catalog-views';
import { RENEWAL_WINDOW_MS } from './renewal-window';

export interface EndingGrant {
  requestId: string;
  apiId: string;
  roleId: string;
  roleValue: string;
  expiresAt: string;
  /** The renewal of it already asked for and not decided yet, if any. */
  renewalRequestId: string | null;
  /** Inside the 7 days in which Roleport tells the holder. */
  soon: boolean;
}

/**
 * "My access": the roles the user holds per API, with the grants that end soonest first: those ending within 7 days
 * are listed on their own at the top (with the renewal asked for, if any), and the APIs are ordered by their first
 * ending grant (open-ended ones last).
 */
export async function loadMyAccessPage(user: PortalUser, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  const [access, rows] = await Promise.all([
    loadMyAccess(user),
    conn
      .selectFrom('access_request')
      .select(['id', 'api_id', 'role_id', 'role_value', 'expires_at'])
      .where('requester_oid', '=', user.oid)
      .where('status', '=', 'active')
      .where('expires_at', 'is not', null)
      .orderBy('expires_at')
      .execute(),
  ]);
  const soonBefore = isoAfter(RENEWAL_WINDOW_MS);
  const renewals =
    rows.length === 0
      ? []
      : await conn
          .selectFrom('access_request')
          .select(['id', 'renews_request_id'])
          .where('requester_oid', '=', user.oid)
          .where(
            'renews_request_id',
            'in',
            rows.map((r) => r.id),
          )
          .where('status', 'in', ['pending', 'approved', 'provisioning'])
          .execute();
  const ending: EndingGrant[] = rows.map((r) => ({
    requestId: r.id,
    apiId: r.api_id,
    roleId: r.role_id,
    roleValue: r.role_value,
    expiresAt: r.expires_at as string,
    renewalRequestId: renewals.find((n) => n.renews_request_id === r.id)?.id ?? null,
    soon: (r.expires_at as string) <= soonBefore,
  }));
  const firstEnd = new Map<string, string>();
  for (const g of ending) if (!firstEnd.has(g.apiId)) firstEnd.set(g.apiId, g.expiresAt);
  const entries = [...access.entries].sort((a, b) => (firstEnd.get(a.api.id) ?? '~').localeCompare(firstEnd.get(b.api.id) ?? '~'));
  return {
    ...access,
    entries,
    endingSoon: ending.filter((g) => g.soon),
    endsOf: Object.fromEntries(ending.map((g) => [`${g.apiId}:${g.roleValue}`, g.expiresAt])),
  };
}
