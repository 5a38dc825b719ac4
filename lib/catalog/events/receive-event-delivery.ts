import 'server-only';
import type { Kysely } from 'kysely';
import { db as portalDb } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { getConfig } from '@/lib/env';
import { eventOutcome, targetKey } from './event-target';
import { parseEventDelivery } from './parse-event-delivery';
import { enqueueRefresh, takeEventOnce } from './refresh-queue';
import { wakeCatalogRefresh } from './refresh-worker';
import { tenantKeySource, verifyDeliveryToken, type DeliveryTokenPolicy } from './verify-delivery-token';

export interface DeliveryAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Event Grid's limit for one delivery (an event or a batch) is 1 MB. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

const refusal = (status: number, code: string, message: string, headers?: Record<string, string>): DeliveryAnswer => ({
  status,
  body: { error: { code, message } },
  headers,
});

export function deliveryTokenPolicy(): DeliveryTokenPolicy {
  const config = getConfig();
  return {
    tenantId: config.tenantId,
    issuers: [`${config.authorityHost}/${config.tenantId}/v2.0`, `${config.cloud.v1IssuerHost}/${config.tenantId}/`],
    audiences: config.eventGridAudiences,
    keys: tenantKeySource(config.authorityHost, config.tenantId),
  };
}

function serviceId(): string {
  const { apim } = getConfig();
  return `/subscriptions/${apim.subscriptionId}/resourceGroups/${apim.resourceGroup}/providers/Microsoft.ApiManagement/service/${apim.serviceName}`;
}

/**
 * One POST from Event Grid: checks its Entra token, answers the subscription validation handshake, and queues a
 * targeted refresh per API or product an APIM event names, once per event id across replicas.
 */
export async function receiveEventDelivery(
  request: { authorization: string | null; body: string | null | (() => Promise<string | null>) },
  database?: Kysely<Database>,
  policy: DeliveryTokenPolicy = deliveryTokenPolicy(),
): Promise<DeliveryAnswer> {
  const token = await verifyDeliveryToken(request.authorization, policy);
  if (!token.ok)
    return refusal(401, 'unauthorized', `Event deliveries need Event Grid's Microsoft Entra token: ${token.reason}.`, {
      'www-authenticate': 'Bearer',
    });
  // The body is read only for a caller whose token passed.
  const text = typeof request.body === 'function' ? await request.body() : request.body;
  if (text === null) return refusal(413, 'too_large', `A delivery is at most ${MAX_DELIVERY_BYTES} bytes.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refusal(400, 'invalid_json', 'The body is not JSON.');
  }
  const delivery = parseEventDelivery(json);
  if (delivery.kind === 'invalid') return refusal(400, 'invalid_event', delivery.message);
  if (delivery.kind === 'validation') return { status: 200, body: { validationResponse: delivery.validationCode } };
  const db = database ?? (await portalDb());
  const service = serviceId();
  const queued: string[] = [];
  let duplicates = 0;
  let ignored = 0;
  for (const event of delivery.events) {
    const outcome = eventOutcome(event, service);
    if (outcome.kind !== 'refresh') {
      ignored++;
      continue;
    }
    if (!(await takeEventOnce(db, event))) {
      duplicates++;
      continue;
    }
    await enqueueRefresh(db, outcome.target, event.type);
    queued.push(targetKey(outcome.target));
  }
  if (queued.length > 0) wakeCatalogRefresh();
  return { status: 200, body: { queued: [...new Set(queued)], duplicates, ignored } };
}

/**
 * CloudEvents v1.0 abuse protection (github.com/cloudevents/spec http-webhook.md §4; Event Grid uses it instead of the
 * validation event for CloudEvents subscriptions): an OPTIONS request names the sender in WebHook-Request-Origin, and
 * the answer allows it. The answer changes nothing and reveals nothing, and deliveries still need the Entra token.
 */
export function answerAbuseProtection(origin: string | null): DeliveryAnswer {
  if (!origin || !/^[a-z0-9.-]{1,253}$/i.test(origin.trim()))
    return refusal(400, 'invalid_origin', 'WebHook-Request-Origin must name the sender host.');
  return {
    status: 200,
    body: null,
    headers: { 'webhook-allowed-origin': origin.trim(), 'webhook-allowed-rate': '*', allow: 'OPTIONS, POST' },
  };
}
