import 'server-only';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { JsonValue } from '@/lib/audit/canonical-json';
import { nowIso } from '@/lib/db/clock';
import { withTransaction } from '@/lib/db/transaction';
import type { AccessRequestRow, Database } from '@/lib/db/types';
import { SYSTEM_ACTOR, transition } from '@/lib/requests/request-state-machine';

/** What reconciliation found: why the grant ended, the audit action naming where, and what it found there. */
export interface RemovedOutside {
  reason: string;
  action: 'request.removed_in_entra' | 'request.removed_in_apim';
  data: { [key: string]: JsonValue };
}

/**
 * Marks a grant that was removed outside Roleport (in Entra, or in API Management) as revoked: one version-checked
 * transaction writes the status, drops any job queued for it (a revocation has nothing left to do) and audits it.
 * False when the request cannot be revoked or changed meanwhile.
 */
export async function markRemovedOutside(
  db: Kysely<Database>,
  request: AccessRequestRow,
  actor: { oid: string | null; name: string },
  found: RemovedOutside,
): Promise<boolean> {
  const next = transition(request.status, { type: 'revoke' }, SYSTEM_ACTOR);
  if (!next.ok) return false;
  return withTransaction(db, async (trx) => {
    const now = nowIso();
    const version = Number(request.version) + 1;
    const updated = await trx
      .updateTable('access_request')
      .set({ status: next.to, version, ended_at: now, failure_reason: found.reason, updated_at: now })
      .where('id', '=', request.id)
      .where('version', '=', Number(request.version))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await trx.deleteFrom('provisioning_job').where('request_id', '=', request.id).execute();
    await appendAuditEvent(trx, {
      actor,
      action: found.action,
      subject: { type: 'access_request', id: request.id },
      before: { status: request.status, version: Number(request.version) },
      after: { status: next.to, version },
      data: found.data,
    });
    return true;
  });
}
