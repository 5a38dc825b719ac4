// Rule: webhook events are queued only with their committed change and delivered with retries, never blocking the change.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '@/lib/db/test-support/test-engines';
import { withTransaction } from '@/lib/db/transaction';
import { enqueueWebhook } from './enqueue-webhook';
import { deliverDueWebhooks, startWebhookDelivery } from './webhook-delivery';

const received: unknown[] = [];
let failNext = 0;
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const event = {
  type: 'request.decided' as const,
  requestId: 'r1',
  status: 'approved',
  apiId: 'orders',
  roleValue: 'Orders.Read',
  requester: { oid: 'oid-ada', name: 'Ada' },
  actor: { oid: 'oid-olivia', name: 'Olivia' },
  detail: 'approved',
};

describeEngines('webhook delivery', (engine) => {
  it('queues nothing when the change rolls back, or when no webhook is configured', async () => {
    const { db } = await engine.openMigrated();
    await expect(
      withTransaction(db, async (trx) => {
        await enqueueWebhook(trx, event, url);
        throw new Error('decision failed');
      }),
    ).rejects.toThrow('decision failed');
    await withTransaction(db, (trx) => enqueueWebhook(trx, event, null));
    expect(await db.selectFrom('webhook_delivery').selectAll().execute()).toEqual([]);
  });

  it('posts the event as JSON, retrying with backoff after a failure', async () => {
    const { db } = await engine.openMigrated();
    received.length = 0;
    failNext = 1;
    await withTransaction(db, (trx) => enqueueWebhook(trx, event, url));
    expect(await deliverDueWebhooks(db, { url, baseDelayMs: 1 })).toBe(1);
    const failed = await db.selectFrom('webhook_delivery').selectAll().executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ attempts: 1, last_error: 'HTTP 503', delivered_at: null });
    expect(received).toEqual([]);

    const loop = startWebhookDelivery(db, { url, pollMs: 10, baseDelayMs: 1 });
    try {
      await expect.poll(() => received.length, { timeout: 3000, interval: 10 }).toBe(1);
    } finally {
      await loop.stop();
    }
    expect(received[0]).toMatchObject({ ...event, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const delivered = await db.selectFrom('webhook_delivery').selectAll().executeTakeFirstOrThrow();
    expect(delivered.attempts).toBe(2);
    expect(delivered.delivered_at).not.toBeNull();
  });

  it('gives up after the attempt limit', async () => {
    const { db } = await engine.openMigrated();
    failNext = 10;
    await withTransaction(db, (trx) => enqueueWebhook(trx, event, url));
    for (let i = 0; i < 4; i++) {
      await deliverDueWebhooks(db, { url, baseDelayMs: 0, maxAttempts: 2 });
    }
    expect(await db.selectFrom('webhook_delivery').select(['attempts', 'delivered_at']).executeTakeFirstOrThrow()).toEqual({
      attempts: 2,
      delivered_at: null,
    });
    failNext = 0;
  });
});
