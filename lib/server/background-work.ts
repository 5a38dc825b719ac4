import 'server-only';
import { hostname } from 'node:os';
import { startAuditCheckpointWorker } from '@/lib/audit/audit-checkpoint-worker';
import { startCatalogScheduler } from '@/lib/catalog/catalog-scheduler';
import { startCatalogRefreshWorker } from '@/lib/catalog/events/refresh-worker';
import { portalDatabase } from '@/lib/db/portal-database';
import { getConfig } from '@/lib/env';
import { startNotificationWorker } from '@/lib/notifications/notification-worker';
import { startWebhookDelivery } from '@/lib/notifications/webhook-delivery';
import { observeQueueDepth } from '@/lib/observability/portal-metrics';
import { startExpirySweeper } from '@/lib/provisioning/expiry-sweeper';
import { provisioningQueueDepth } from '@/lib/provisioning/provisioning-queue-depth';
import { startProvisioningWorker } from '@/lib/provisioning/provisioning-worker';
import { startReconcileScheduler } from '@/lib/provisioning/reconcile-scheduler';
import { processSingleton } from '@/lib/server/state/process-singleton';
import { releaseWorkerJobs } from './release-worker-jobs';

export interface BackgroundWork {
  /** Names this process in job locks. */
  workerId: string;
  /** Stops every worker from starting new work and waits for the work in progress. */
  drain(): Promise<void>;
  /** Releases the provisioning jobs this process still holds. */
  release(): Promise<number>;
}

const background = processSingleton('backgroundWork', (): { current?: Promise<BackgroundWork> } => ({}));

/**
 * Starts the in-process workers once per server process: catalog sync, targeted refreshes queued by Event Grid,
 * provisioning (woken by approvals), the expiry sweep, reconciliation, audit checkpoints, notifications (bell, email,
 * Teams), and webhook delivery when ROLEPORT_WEBHOOK_URL is set. Safe on several
 * replicas (PostgreSQL).
 */
export function startBackgroundWork(): Promise<BackgroundWork> {
  background.current ??= start();
  return background.current;
}

async function start(): Promise<BackgroundWork> {
  const config = getConfig();
  const { db } = await portalDatabase();
  const workerId = `${hostname()}:${process.pid}`;
  const catalog = startCatalogScheduler(db, config.catalogSyncIntervalMinutes);
  const loops = [
    startProvisioningWorker(db, { workerId, pollMs: 2000 }),
    startExpirySweeper(db, { intervalMs: 60_000 }),
    startCatalogRefreshWorker(db, { workerId }),
  ];
  const { webhookUrl: url, webhookSecret: secret, webhookRetentionDays: retentionDays } = config;
  if (url && secret) loops.push(startWebhookDelivery(db, { url, secret, retentionDays }));
  const { publicUrl, notifyMailFrom: mailFrom, teamsWebhookUrl } = config;
  const expiryScanMs = config.expiryNoticeScanSeconds * 1000;
  loops.push(startNotificationWorker(db, { publicUrl, mailFrom, teamsWebhookUrl, expiryScanMs }));
  const reconcile = startReconcileScheduler(db, config.reconcileIntervalMinutes);
  const audit = startAuditCheckpointWorker(db);
  observeQueueDepth(() => provisioningQueueDepth(db));
  return {
    workerId,
    drain: async () => {
      reconcile.stop();
      await Promise.all([catalog.stop(), audit.stop(), ...loops.map((loop) => loop.stop())]);
    },
    release: () => releaseWorkerJobs(db, workerId),
  };
}
