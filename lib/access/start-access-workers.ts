import 'server-only';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import { getConfig } from '@/lib/env';
import { startWebhookDelivery } from '@/lib/notifications/webhook-delivery';
import { startExpirySweeper } from './expiry-sweeper';
import { startProvisioningWorker } from './provisioning-worker';

export interface AccessWorkers {
  stop(): Promise<void>;
}

/**
 * Starts the background work of the access domain once per server process: provisioning (woken by approvals),
 * the expiry sweep, and webhook delivery when ROLEPORT_WEBHOOK_URL is set. Safe on several replicas (PostgreSQL).
 */
export function startAccessWorkers(
  db: Kysely<Database>,
  options: { workerId?: string; pollMs?: number; expiryIntervalMs?: number } = {},
): AccessWorkers {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}`;
  const loops = [
    startProvisioningWorker(db, { workerId, pollMs: options.pollMs ?? 2000 }),
    startExpirySweeper(db, { intervalMs: options.expiryIntervalMs ?? 60_000 }),
  ];
  const { webhookUrl: url, webhookSecret: secret, webhookRetentionDays: retentionDays } = getConfig();
  if (url && secret) loops.push(startWebhookDelivery(db, { url, secret, retentionDays }));
  return { stop: async () => void (await Promise.all(loops.map((loop) => loop.stop()))) };
}
