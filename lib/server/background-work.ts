import 'server-only';
import { hostname } from 'node:os';
import { startReconcileScheduler } from '@/lib/access/reconcile-scheduler';
import { startAccessWorkers } from '@/lib/access/start-access-workers';
import { startAuditCheckpointWorker } from '@/lib/audit/audit-checkpoint-worker';
import { startCatalogScheduler } from '@/lib/catalog/catalog-scheduler';
import { portalDatabase } from '@/lib/db/portal-database';
import { getConfig } from '@/lib/env';
import { observeQueueDepth } from '@/lib/observability/portal-metrics';
import { provisioningQueueDepth } from '@/lib/observability/provisioning-queue-depth';
import { releaseWorkerJobs } from './release-worker-jobs';

export interface BackgroundWork {
  /** Names this process in job locks. */
  workerId: string;
  /** Stops every worker from starting new work and waits for the work in progress. */
  drain(): Promise<void>;
  /** Releases the provisioning jobs this process still holds. */
  release(): Promise<number>;
}

const holder = globalThis as typeof globalThis & { roleportBackground?: Promise<BackgroundWork> };

/** Starts the in-process workers once per server process. */
export function startBackgroundWork(): Promise<BackgroundWork> {
  holder.roleportBackground ??= start();
  return holder.roleportBackground;
}

async function start(): Promise<BackgroundWork> {
  const config = getConfig();
  const { db } = await portalDatabase();
  const workerId = `${hostname()}:${process.pid}`;
  const catalog = startCatalogScheduler(db, config.catalogSyncIntervalMinutes);
  const access = startAccessWorkers(db, { workerId });
  const reconcile = startReconcileScheduler(db, config.reconcileIntervalMinutes);
  const audit = startAuditCheckpointWorker(db);
  observeQueueDepth(() => provisioningQueueDepth(db));
  return {
    workerId,
    drain: async () => {
      reconcile.stop();
      await Promise.all([catalog.stop(), access.stop(), audit.stop()]);
    },
    release: () => releaseWorkerJobs(db, workerId),
  };
}
