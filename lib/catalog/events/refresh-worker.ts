import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import { getConfig } from '@/lib/env';
import { startPollLoop, type PollLoop } from '@/lib/server/jobs/poll-loop';
import { processSingleton } from '@/lib/server/state/process-singleton';
import { syncOneApi } from '../sync-catalog';
import { parseTargetKey } from './event-target';
import { claimDueRefreshes, DEBOUNCE_MS, enqueueRefresh, finishRefresh, purgeOldReceipts, type ClaimedRefresh } from './refresh-queue';
import { syncOneProduct } from './sync-one-product';

/** Other replicas' rows (and rows a stopped replica left) are picked up at this interval; events wake the receiver. */
const POLL_MS = 5_000;
const PURGE_EVERY_MS = 60 * 60_000;

const loops = processSingleton('catalogRefreshLoops', () => new Set<PollLoop>());

/** Runs this process's refresh workers once the debounce window of a just-queued event has passed. */
export function wakeCatalogRefresh(): void {
  setTimeout(() => {
    for (const loop of loops) loop.wake();
  }, DEBOUNCE_MS + 20).unref();
}

async function runOne(db: Kysely<Database>, claim: ClaimedRefresh): Promise<void> {
  const target = parseTargetKey(claim.target);
  if (target?.kind === 'api') {
    // App registrations read by the last full sync are reused: Entra publishes no event for them, and the sync re-reads
    // every one each interval.
    const report = await syncOneApi(db, target.apiId, { reuseAppsReadWithinMs: getConfig().catalogSyncIntervalMinutes * 60_000 });
    // Another replica (or an admin) is refreshing the same API: its run may have started before the change.
    if (report.status === 'skipped') {
      await enqueueRefresh(db, target, claim.reason);
      wakeCatalogRefresh();
      return;
    }
    console.log(
      `[catalog] event refresh of ${claim.target} (${claim.reason}) ${report.status}: ${report.armCalls} ARM + ${report.graphCalls} Graph calls, ${report.durationMs} ms`,
    );
  } else if (target?.kind === 'product') {
    const { affectedApis, armCalls } = await syncOneProduct(db, target.productId);
    for (const apiId of affectedApis) await enqueueRefresh(db, { kind: 'api', apiId }, `${claim.reason} (product ${target.productId})`);
    console.log(
      `[catalog] event refresh of ${claim.target} (${claim.reason}): ${armCalls} ARM calls, ${affectedApis.length} APIs to re-index`,
    );
    if (affectedApis.length > 0) wakeCatalogRefresh();
  }
}

/** Claims due targeted refreshes (queued by Event Grid deliveries) and runs them; every replica runs one. */
export function startCatalogRefreshWorker(db: Kysely<Database>, options: { workerId: string; pollMs?: number }): PollLoop {
  let lastPurge = 0;
  const loop = startPollLoop('[catalog] event refresh', options.pollMs ?? POLL_MS, async () => {
    const claims = await claimDueRefreshes(db, options.workerId);
    await Promise.all(
      claims.map(async (claim) => {
        try {
          await runOne(db, claim);
        } catch (error) {
          // The scheduled full sync is the safety net; the failure is logged, not retried in a loop.
          console.error(`[catalog] event refresh of ${claim.target} failed`, error);
        } finally {
          await finishRefresh(db, options.workerId, claim);
        }
      }),
    );
    if (Date.now() - lastPurge > PURGE_EVERY_MS) {
      lastPurge = Date.now();
      await purgeOldReceipts(db);
    }
  });
  loops.add(loop);
  return {
    wake: loop.wake,
    stop: async () => {
      loops.delete(loop);
      await loop.stop();
    },
  };
}
