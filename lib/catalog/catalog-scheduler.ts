import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import { recordSyncDuration } from '@/lib/observability/portal-metrics';
import { syncCatalog } from './sync-catalog';

/** Syncs the catalog at start and then on a fixed interval; runs never overlap (the lease also guards replicas). */
export function startCatalogScheduler(db: Kysely<Database>, intervalMinutes: number): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const run = () => {
    running ??= syncCatalog(db)
      .then((report) => {
        if (report.status !== 'skipped') {
          recordSyncDuration(report.durationMs, { status: report.status });
          console.log(
            `[catalog] sync ${report.status}: ${report.apis} APIs, ${report.armCalls} ARM + ${report.graphCalls} Graph calls, ${report.durationMs} ms; ARM calls for products ${report.productCalls}, for subscriptions and users ${report.subscriptionCalls}`,
          );
        }
      })
      .catch((error: unknown) => console.error('[catalog] sync failed', error))
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, intervalMinutes * 60_000);
  timer.unref();
  // Stopping waits for a sync in progress, so its lease is released rather than left to go stale.
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
