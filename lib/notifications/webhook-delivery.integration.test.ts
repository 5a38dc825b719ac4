// Rule: webhook events are queued only with their committed change, delivered over HTTPS signed per Standard Webhooks, never to a redirect target, retried with backoff, and purged after the retention period.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureCertificates } from '@/emulator/tls/ensure-certificates';
import { describeEngines } from '@/test/harness/database-engines';
import { withTransaction } from '@/lib/db/transaction';
import { enqueueWebhook } from './enqueue-webhook';
import { purgeWebhookDeliveries } from './purge-webhook-deliveries';
import { deliverDueWebhooks, startWebhookDelivery } from './webhook-delivery';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const received: { headers: IncomingHttpHeaders; body: string; path: string }[] = [];
let failNext = 0;
let server: Server;
let origin = '';

beforeAll(async () => {
  // The localhost certificate of the local CA, which the test process trusts (NODE_EXTRA_CA_CERTS), as for the emulator.
  const { certPem, keyPem } = ensureCertificates();
  server = createServer({ cert: certPem, key: keyPem }, (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/moved') {
        res.writeHead(302, { location: `${origin}/hook` }).end();
        return;
      }
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ headers: req.headers, body, path: req.url ?? '' });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const address = server.address();
  origin = `https://localhost:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** The receiver's check, written from the Standard Webhooks spec rather than from Roleport's signer. */
function signatureVerifies(headers: IncomingHttpHeaders, body: string, withSecret = secret): boolean {
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  const key = Buffer.from(withSecret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return String(headers['webhook-signature'])
    .split(' ')
    .some((signature) => signature === `v1,${expected}`);
}

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
  const url = () => `${origin}/hook`;

  it('queues nothing when the change rolls back, or when no webhook is configured', async () => {
    const { db } = await engine.openMigrated();
    await expect(
      withTransaction(db, async (trx) => {
        await enqueueWebhook(trx, event, url());
        throw new Error('decision failed');
      }),
    ).rejects.toThrow('decision failed');
    await withTransaction(db, (trx) => enqueueWebhook(trx, event, null));
    expect(await db.selectFrom('webhook_delivery').selectAll().execute()).toEqual([]);
  });

  it('posts the event signed with the Standard Webhooks headers, retrying with backoff under the same webhook-id', async () => {
    const { db } = await engine.openMigrated();
    received.length = 0;
    failNext = 1;
    await withTransaction(db, (trx) => enqueueWebhook(trx, event, url()));
    expect(await deliverDueWebhooks(db, { url: url(), secret, baseDelayMs: 1 })).toBe(1);
    const failed = await db.selectFrom('webhook_delivery').selectAll().executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ attempts: 1, last_error: 'HTTP 503', delivered_at: null });
    expect(received).toEqual([]);

    const loop = startWebhookDelivery(db, { url: url(), secret, pollMs: 10, baseDelayMs: 1 });
    try {
      await expect.poll(() => received.length, { timeout: 3000, interval: 10 }).toBe(1);
    } finally {
      await loop.stop();
    }
    const [delivery] = received;
    expect(JSON.parse(delivery?.body ?? '')).toMatchObject({ ...event, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(delivery?.headers['webhook-id']).toBe(failed.id);
    expect(Math.abs(Number(delivery?.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(300);
    expect(delivery?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(signatureVerifies(delivery!.headers, delivery!.body)).toBe(true);
    expect(signatureVerifies(delivery!.headers, delivery!.body.replace('approved', 'rejected'))).toBe(false);
    expect(signatureVerifies(delivery!.headers, delivery!.body, `whsec_${randomBytes(32).toString('base64')}`)).toBe(false);

    const delivered = await db.selectFrom('webhook_delivery').selectAll().executeTakeFirstOrThrow();
    expect(delivered.attempts).toBe(2);
    expect(delivered.delivered_at).not.toBeNull();
  });

  it('treats a redirect as a failed delivery and never posts to its target', async () => {
    const { db } = await engine.openMigrated();
    received.length = 0;
    await withTransaction(db, (trx) => enqueueWebhook(trx, event, `${origin}/moved`));
    await deliverDueWebhooks(db, { url: `${origin}/moved`, secret, baseDelayMs: 1 });
    expect(received).toEqual([]);
    expect(await db.selectFrom('webhook_delivery').select(['attempts', 'last_error', 'delivered_at']).executeTakeFirstOrThrow()).toEqual({
      attempts: 1,
      last_error: 'HTTP 302: redirects are not followed',
      delivered_at: null,
    });
  });

  it('gives up after the attempt limit', async () => {
    const { db } = await engine.openMigrated();
    failNext = 10;
    await withTransaction(db, (trx) => enqueueWebhook(trx, event, url()));
    for (let i = 0; i < 4; i++) {
      await deliverDueWebhooks(db, { url: url(), secret, baseDelayMs: 0, maxAttempts: 2 });
    }
    expect(await db.selectFrom('webhook_delivery').select(['attempts', 'delivered_at']).executeTakeFirstOrThrow()).toEqual({
      attempts: 2,
      delivered_at: null,
    });
    failNext = 0;
  });

  it('purges delivered and abandoned rows older than the retention period, and keeps the rest', async () => {
    const { db } = await engine.openMigrated();
    const day = (n: number) => new Date(Date.UTC(2026, 10, n)).toISOString();
    const row = (id: string, delivered: string | null, attempts: number, updated: string) => ({
      id,
      event: '{}',
      attempts,
      next_run_at: updated,
      last_error: null,
      delivered_at: delivered,
      created_at: updated,
      updated_at: updated,
    });
    await db
      .insertInto('webhook_delivery')
      .values([
        row('delivered-old', day(1), 1, day(1)),
        row('delivered-recent', day(25), 1, day(25)),
        row('abandoned-old', null, 8, day(1)),
        row('retrying-old', null, 3, day(1)),
      ])
      .execute();
    expect(await purgeWebhookDeliveries(db, { retentionDays: 7, maxAttempts: 8, now: new Date(day(30)) })).toBe(2);
    const left = await db.selectFrom('webhook_delivery').select('id').orderBy('id').execute();
    expect(left.map((r) => r.id)).toEqual(['delivered-recent', 'retrying-old']);
  });
});
