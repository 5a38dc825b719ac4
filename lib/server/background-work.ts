import 'server-only';
import { hostname } from 'node:os';
import { startAuditCheckpointWorker } from '@/lib/audit/audit-checkpoint-worker';
import { startCatalogScheduler } from '@/lib/catalog/catalog-scheduler';
import { portalDatabase } from '@/lib/db/portal-database';
import { getConfig } from '@/lib/env';
import { startWebhookDelivery } from '@/lib/notifications/webhook-delivery';
import { startExpirySweeper } from '@/lib/provisioning/expiry-sweeper';
import { startProvisioningWorker } from '@/lib/provisioning/provisioning-worker';
import { startReconcileScheduler } from '@/lib/provisioning/reconcile-scheduler';
import { processSingleton } from '@/lib/server/state/process-singleton';

const background = processSingleton('backgroundWork', () => ({ started: false }));

/**
 * Starts the in-process workers once per server process: catalog sync, provisioning (woken by approvals), the expiry
 * sweep, reconciliation, audit checkpoints, and webhook delivery when ROLEPORT_WEBHOOK_URL is set. Safe on several
 * replicas (PostgreSQL).
 */
export async function startBackgroundWork(): Promise<void> {
  if (background.started) return;
  background.started = true;
  const config = getConfig();
  const { db } = await portalDatabase();
  startCatalogScheduler(db, config.catalogSyncIntervalMinutes);
  startProvisioningWorker(db, { workerId: `${hostname()}:${process.pid}`, pollMs: 2000 });
  startExpirySweeper(db, { intervalMs: 60_000 });
  const { webhookUrl: url, webhookSecret: secret, webhookRetentionDays: retentionDays } = config;
  if (url && secret) startWebhookDelivery(db, { url, secret, retentionDays });
  startReconcileScheduler(db, config.reconcileIntervalMinutes);
  startAuditCheckpointWorker(db);
}
