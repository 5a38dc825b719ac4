import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import type { ReconcileReport } from './reconcile-assignments';
import { SUBSCRIPTIONS_RUN_KEY, type SubscriptionReconcileReport } from './reconcile-subscriptions';

export interface ReconciliationRun {
  ranAt: string;
  trigger: 'schedule' | 'admin';
  actorName: string | null;
  report: ReconcileReport | null;
  error: string | null;
}

/** The last comparison with Entra of each API, by API id (read only: pages never reconcile). */
export async function lastReconciliation(db: Kysely<Database>, user: PortalUser): Promise<Map<string, ReconciliationRun>> {
  if (!user.isAdmin) throw new UserFacingError('Only a portal admin can see who has what.', 'forbidden', 403);
  const rows = await db.selectFrom('reconciliation_run').selectAll().where('api_id', '!=', SUBSCRIPTIONS_RUN_KEY).execute();
  return new Map(
    rows.map((row) => [
      row.api_id,
      {
        ranAt: row.ran_at,
        trigger: row.trigger,
        actorName: row.actor_name,
        report: row.report ? (JSON.parse(row.report) as ReconcileReport) : null,
        error: row.error,
      },
    ]),
  );
}

/** The last comparison of product subscriptions with APIM, or null before the first. */
export async function lastSubscriptionReconciliation(
  db: Kysely<Database>,
  user: PortalUser,
): Promise<(Omit<ReconciliationRun, 'report'> & { report: SubscriptionReconcileReport | null }) | null> {
  if (!user.isAdmin) throw new UserFacingError('Only a portal admin can see who has what.', 'forbidden', 403);
  const row = await db.selectFrom('reconciliation_run').selectAll().where('api_id', '=', SUBSCRIPTIONS_RUN_KEY).executeTakeFirst();
  if (!row) return null;
  return {
    ranAt: row.ran_at,
    trigger: row.trigger,
    actorName: row.actor_name,
    report: row.report ? (JSON.parse(row.report) as SubscriptionReconcileReport) : null,
    error: row.error,
  };
}

/** When any API was last compared; the scheduler of another replica may have done it already. */
export async function lastReconciledAt(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('reconciliation_run')
    .select((eb) => eb.fn.max('ran_at').as('at'))
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}
