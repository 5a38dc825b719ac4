import 'server-only';
import { startReconcileScheduler } from '@/lib/access/reconcile-scheduler';
import { startAccessWorkers } from '@/lib/access/start-access-workers';
import { startAuditCheckpointWorker } from '@/lib/audit/audit-checkpoint-worker';
import { startCatalogScheduler } from '@/lib/catalog/catalog-scheduler';
import { portalDatabase } from '@/lib/db/portal-database';
import { getConfig } from '@/lib/env';

const holder = globalThis as typeof globalThis & { roleportBackground?: boolean };

/** Starts the in-process workers once per server process. */
export async function startBackgroundWork(): Promise<void> {
  if (holder.roleportBackground) return;
  holder.roleportBackground = true;
  const config = getConfig();
  const { db } = await portalDatabase();
  startCatalogScheduler(db, config.catalogSyncIntervalMinutes);
  startAccessWorkers(db);
  startReconcileScheduler(db, config.reconcileIntervalMinutes);
  startAuditCheckpointWorker(db);
}
