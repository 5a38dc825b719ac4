import 'server-only';
import { createHmac } from 'node:crypto';

/**
 * The Standard Webhooks headers for one attempt (https://www.standardwebhooks.com, spec/standard-webhooks.md):
 * `webhook-id` (the same on every retry, so the receiver can drop duplicates), `webhook-timestamp` (Unix seconds of
 * this attempt, so it can refuse replays) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`,
 * keyed by the base64-decoded part of the `whsec_` secret.
 */
export function signWebhook(secret: string, id: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
}
