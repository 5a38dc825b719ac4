import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import { lastReconciledAt } from './last-reconciliation';
import { reconcileAllApis } from './reconcile-all';

// The first run waits for the catalog sync started with the server, so it finds the APIs.
const FIRST_CHECK_MS = 60_000;

/**
 * Compares Roleport's grants with Entra every `intervalMinutes`. With several replicas the one that finds the last run
 * older than the interval does it; a run never overlaps another in the same process.
 */
export function startReconcileScheduler(db: Kysely<Database>, intervalMinutes: number): { stop(): void } {
  const intervalMs = intervalMinutes * 60_000;
  let running: Promise<unknown> | null = null;
  const runIfDue = () => {
    running ??= (async () => {
      const last = await lastReconciledAt(db);
      // Half an interval of slack: a replica whose timer fires just after another's run leaves it be.
      if (last && Date.now() - Date.parse(last) < intervalMs / 2) return;
      const summary = await reconcileAllApis(db, null);
      console.log(
        `[reconcile] ${summary.apis} APIs compared with Entra, ${summary.removedInEntra} grants found removed, ${summary.failed} failed`,
      );
    })()
      .catch((error: unknown) => console.error('[reconcile] scheduled run failed', error))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(runIfDue, FIRST_CHECK_MS);
  first.unref();
  const timer = setInterval(runIfDue, intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
