import 'server-only';
import type { Kysely } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';

/** How many provisioning jobs are queued, and how many of those are due now. */
export async function provisioningQueueDepth(db: Kysely<Database>): Promise<{ due: number; total: number }> {
  const row = await db
    .selectFrom('provisioning_job')
    .select((eb) => [eb.fn.countAll<number | string>().as('total')])
    .executeTakeFirst();
  const due = await db
    .selectFrom('provisioning_job')
    .select((eb) => [eb.fn.countAll<number | string>().as('due')])
    .where('next_run_at', '<=', nowIso())
    .executeTakeFirst();
  return { due: Number(due?.due ?? 0), total: Number(row?.total ?? 0) };
}
