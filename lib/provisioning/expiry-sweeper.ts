import 'server-only';
import type { Kysely } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import { dialectOf } from '@/lib/db/dialect';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { startPollLoop, type PollLoop } from '@/lib/server/jobs/poll-loop';
import { enqueueProvisioningJob, hasJob, wakeProvisioningWorkers } from './provisioning-jobs';

/** Turns active grants past their expiry into revoke jobs; the request becomes expired once Graph has deleted the assignment. */
export async function sweepExpiredGrants(db: Kysely<Database>): Promise<number> {
  const due = await db
    .selectFrom('access_request')
    .select(['id'])
    .where('status', '=', 'active')
    .where('expires_at', '<=', nowIso())
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('provisioning_job').select('provisioning_job.id').whereRef('provisioning_job.request_id', '=', 'access_request.id'),
        ),
      ),
    )
    .limit(500)
    .execute();
  let queued = 0;
  for (const { id } of due) {
    // Checked again inside the transaction: another replica's sweeper may have queued it meanwhile.
    const added = await withTransaction(db, async (trx) => {
      let lookup = trx.selectFrom('access_request').select('status').where('id', '=', id);
      if (dialectOf(trx) === 'postgres') lookup = lookup.forUpdate();
      const row = await lookup.executeTakeFirst();
      if (row?.status !== 'active' || (await hasJob(trx, id, 'revoke'))) return false;
      await enqueueProvisioningJob(trx, id, 'revoke');
      return true;
    });
    if (added) queued++;
  }
  if (queued > 0) wakeProvisioningWorkers();
  return queued;
}

export function startExpirySweeper(db: Kysely<Database>, options: { intervalMs?: number } = {}): PollLoop {
  return startPollLoop('expiry sweeper', options.intervalMs ?? 60_000, () => sweepExpiredGrants(db));
}
