import 'server-only';
import type { Transaction } from 'kysely';
import { dialectOf } from '@/lib/db/dialect';
import type { AccessRequestRow, Database } from '@/lib/db/types';
import { hasJob } from '@/lib/provisioning/provisioning-jobs';

export interface GrantExtension {
  grantId: string;
  previousExpiresAt: string | null;
  /** null: the renewal asked for no end date (a rule without a maximum). */
  expiresAt: string | null;
}

const DAY_MS = 86_400_000;

/** The end a renewal of `days` gives a grant ending at `current`: counted from that end, or from now if it has passed. */
function renewedEnd(current: string | null, days: number | null, now: string): string | null {
  if (days === null) return null;
  const from = current !== null && current > now ? current : now;
  return new Date(Date.parse(from) + days * DAY_MS).toISOString();
}

/**
 * Moves the end date of the active grant a renewal names, in the caller's transaction, and nothing else: the role
 * assignment in Entra stays the one already there. Guarded by the grant's status and version, so a renewal extends
 * its grant at most once (the row is locked first on PostgreSQL); null when the grant is no longer active (expired, revoked or queued for removal meanwhile), and the renewal is
 * then granted as a request of its own.
 */
export async function extendGrant(
  trx: Transaction<Database>,
  renewal: Pick<AccessRequestRow, 'renews_request_id' | 'duration_days'>,
  now: string,
): Promise<GrantExtension | null> {
  if (!renewal.renews_request_id) return null;
  let lookup = trx
    .selectFrom('access_request')
    .select(['id', 'status', 'version', 'expires_at'])
    .where('id', '=', renewal.renews_request_id);
  // The expiry sweeper or a revocation may be ending the grant at this moment: wait for it, then read what it left.
  if (dialectOf(trx) === 'postgres') lookup = lookup.forUpdate();
  const grant = await lookup.executeTakeFirst();
  // Past its end and already queued for removal from Entra: too late to extend.
  if (!grant || grant.status !== 'active' || (await hasJob(trx, grant.id, 'revoke'))) return null;
  const days = renewal.duration_days === null ? null : Number(renewal.duration_days);
  const expiresAt = renewedEnd(grant.expires_at, days, now);
  const updated = await trx
    .updateTable('access_request')
    .set({ expires_at: expiresAt, version: Number(grant.version) + 1, updated_at: now })
    .where('id', '=', grant.id)
    .where('status', '=', 'active')
    .where('version', '=', Number(grant.version))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return null;
  return { grantId: grant.id, previousExpiresAt: grant.expires_at, expiresAt };
}
