import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { isoAfter, nowIso } from '@/lib/db/clock';
import type { AccessRequestRow, Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { RENEWAL_WINDOW_MS } from '@/lib/requests/renewal-window';

const day = (iso: string) => iso.slice(0, 10);
const conflict = (message: string) => new UserFacingError(message, 'conflict', 409);

/**
 * The grant `grantId` names, when the user may ask to renew it now: their own active role grant through Roleport, with
 * an end date inside the renewal window, and no renewal of it already open. Anything else is refused with the reason;
 * someone else's grant reads as no grant at all, so ids cannot be probed.
 */
export async function checkRenewal(db: Kysely<Database>, user: PortalUser, grantId: string, now = new Date()): Promise<AccessRequestRow> {
  const grant = await db.selectFrom('access_request').selectAll().where('id', '=', grantId).executeTakeFirst();
  if (!grant || grant.requester_oid !== user.oid || grant.kind !== 'app-role' || grant.principal_type !== 'user')
    throw new UserFacingError('You hold no such grant to renew.', 'not_found', 404);
  const what = `${grant.role_value} on ${grant.api_id}`;
  if (grant.status !== 'active')
    throw conflict(`Your ${what} is not active (${grant.status}), so there is nothing to renew; request the role again instead.`);
  if (grant.expires_at === null) throw conflict(`Your ${what} has no end date, so there is nothing to renew.`);
  if (grant.expires_at > isoAfter(RENEWAL_WINDOW_MS, now)) {
    const from = new Date(Date.parse(grant.expires_at) - RENEWAL_WINDOW_MS).toISOString();
    throw conflict(`Your ${what} ends on ${day(grant.expires_at)}; it can be renewed from ${day(from)}.`);
  }
  if (grant.expires_at <= nowIso(now)) throw conflict(`Your ${what} has ended; request the role again instead.`);
  const open = await db
    .selectFrom('access_request')
    .select(['id', 'status'])
    .where('renews_request_id', '=', grant.id)
    .where('status', 'in', ['pending', 'approved', 'provisioning'])
    .executeTakeFirst();
  if (open) throw conflict(`You already asked to renew ${what}; that renewal is ${open.status}.`);
  return grant;
}
