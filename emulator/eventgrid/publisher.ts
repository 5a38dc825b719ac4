import { randomUUID } from 'node:crypto';

// Azure Event Grid delivering API Management's events to one webhook subscription.
// - Event types and payloads: learn.microsoft.com/azure/event-grid/event-schema-api-management (topic/source = the
//   service's ARM id, subject = the resource below it, data.resourceUri = the resource's full id).
// - Event Grid schema: a JSON array, `aeg-event-type: Notification` (learn.microsoft.com/azure/event-grid/event-schema,
//   delivery-properties). CloudEvents v1.0: one structured event per request, `application/cloudevents+json`
//   (cloud-event-schema; a subscription's default batch size is one event).
// - Validation before any delivery (webhook-event-delivery): the Event Grid schema posts a
//   `Microsoft.EventGrid.SubscriptionValidationEvent` and expects 200 with `{ validationResponse: <code> }`;
//   CloudEvents sends OPTIONS with `WebHook-Request-Origin: eventgrid.azure.net` and expects `WebHook-Allowed-Origin`
//   (cloudevents/spec http-webhook.md §4). An endpoint that fails it gets nothing.
// - Microsoft Entra authentication (secure-webhook-delivery): every request carries `Authorization: Bearer <token>`,
//   a token Entra issued to Event Grid's app for the webhook's application.
// - At-least-once delivery with retries (delivery-and-retry): a non-2xx answer or no answer is retried with backoff;
//   the schedule here is compressed (Event Grid's starts at 10 s) so tests and the bench need not wait minutes.

export type EventSchema = 'EventGridSchema' | 'CloudEventSchemaV1_0';

export interface EventSubscription {
  endpoint: string;
  schema: EventSchema;
  /** The Entra application the subscription names (application id or App ID URI). */
  audience: string;
  name?: string;
  /** Event types delivered (`filter.includedEventTypes`); absent: all of the topic's. */
  includedEventTypes?: string[];
}

interface Entry {
  subscription: EventSubscription;
  validated: boolean;
}

/** The key of the subscription configured in the emulator's options (not one created through ARM). */
const CONFIGURED = '#configured';

export interface DeliveryRecord {
  /** The subscription's name (`#configured` for the one set in the emulator's options). */
  subscription: string;
  id: string;
  type: string;
  subject: string;
  status: number | 'failed';
  attempts: number;
}

const ORIGIN = 'eventgrid.azure.net';
const RETRY_DELAYS_MS = [250, 1000, 3000];

export class EventGridPublisher {
  /** The configured subscription and those created through ARM (eventSubscriptions PUT), by name. */
  private subscriptions = new Map<string, Entry>();
  private pending = new Set<Promise<void>>();
  private stopped = false;
  /** What was delivered (or given up), in order: for tests and the bench. */
  readonly deliveries: DeliveryRecord[] = [];

  constructor(
    private readonly deps: {
      /** The service's ARM id: the events' topic (source). */
      topic: string;
      /** A token from the emulated Entra, issued to Event Grid's app for `audience`. */
      token: (audience: string) => Promise<string>;
    },
  ) {}

  /** Event Grid delivers to https endpoints only; plain http is allowed for loopback, where the local portal listens. */
  static deliverable(endpoint: string): boolean {
    const url = new URL(endpoint);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname));
  }

  subscribe(subscription: EventSubscription | null): void {
    if (subscription && !EventGridPublisher.deliverable(subscription.endpoint))
      throw new Error(`Event Grid delivers only to https endpoints, not ${subscription.endpoint}`);
    if (subscription) this.subscriptions.set(CONFIGURED, { subscription, validated: false });
    else this.subscriptions.delete(CONFIGURED);
  }

  /**
   * A subscription created or updated through ARM: Event Grid validates the endpoint before it delivers anything, and the
   * subscription's provisioning fails when the handshake does (webhook-event-delivery). Resolves to the handshake's result.
   */
  async put(name: string, subscription: EventSubscription): Promise<boolean> {
    const entry: Entry = { subscription: { ...subscription, name }, validated: false };
    this.subscriptions.delete(name);
    if (!(await this.validate(entry))) return false;
    this.subscriptions.set(name, entry);
    return true;
  }

  remove(name: string): void {
    this.subscriptions.delete(name);
  }

  /** An APIM resource event, e.g. `APIUpdated` for `/apis/orders`; delivered in the background to each subscription. */
  publish(name: string, subject: string): void {
    if (this.stopped) return;
    const type = `Microsoft.ApiManagement.${name}`;
    for (const entry of this.subscriptions.values()) {
      const types = entry.subscription.includedEventTypes;
      if (types && !types.some((t) => t.toLowerCase() === type.toLowerCase())) continue;
      const event = { id: randomUUID(), type, subject, time: new Date().toISOString() };
      const delivery = this.deliver(entry, event).finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
  }

  /** Resolves once every delivery in flight has ended (delivered or given up). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  stop(): void {
    this.stopped = true;
  }

  /** The token Event Grid presents to the webhook (tests deliver events of their own with it). */
  deliveryToken(audience: string): Promise<string> {
    return this.deps.token(audience);
  }

  private body(subscription: EventSubscription, event: { id: string; type: string; subject: string; time: string }) {
    const data = { resourceUri: `${this.deps.topic}${event.subject}` };
    if (subscription.schema === 'CloudEventSchemaV1_0')
      return {
        contentType: 'application/cloudevents+json; charset=utf-8',
        json: {
          specversion: '1.0',
          id: event.id,
          source: this.deps.topic,
          subject: event.subject,
          type: event.type,
          time: event.time,
          data,
        },
      };
    return {
      contentType: 'application/json',
      json: [
        {
          id: event.id,
          topic: this.deps.topic,
          subject: event.subject,
          data,
          eventType: event.type,
          dataVersion: '1',
          metadataVersion: '1',
          eventTime: event.time,
        },
      ],
    };
  }

  private async validate(entry: Entry): Promise<boolean> {
    if (entry.validated) return true;
    const subscription = entry.subscription;
    const authorization = `Bearer ${await this.deps.token(subscription.audience)}`;
    try {
      if (subscription.schema === 'CloudEventSchemaV1_0') {
        const response = await fetch(subscription.endpoint, {
          method: 'OPTIONS',
          headers: { authorization, 'webhook-request-origin': ORIGIN },
        });
        await response.arrayBuffer();
        entry.validated = response.ok && response.headers.get('webhook-allowed-origin') === ORIGIN;
      } else {
        const code = randomUUID();
        const response = await fetch(subscription.endpoint, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json', 'aeg-event-type': 'SubscriptionValidation' },
          body: JSON.stringify([
            {
              id: randomUUID(),
              topic: this.deps.topic,
              subject: '',
              data: { validationCode: code },
              eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
              eventTime: new Date().toISOString(),
              metadataVersion: '1',
              dataVersion: '1',
            },
          ]),
        });
        const answer = (await response.json().catch(() => null)) as { validationResponse?: unknown } | null;
        // Only 200 counts: 202 is not a validation answer.
        entry.validated = response.status === 200 && answer?.validationResponse === code;
      }
    } catch {
      entry.validated = false;
    }
    return entry.validated;
  }

  private async deliver(entry: Entry, event: { id: string; type: string; subject: string; time: string }) {
    const subscription = entry.subscription;
    const { contentType, json } = this.body(subscription, event);
    const record: DeliveryRecord = {
      subscription: subscription.name ?? CONFIGURED,
      id: event.id,
      type: event.type,
      subject: event.subject,
      status: 'failed',
      attempts: 0,
    };
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length && !this.stopped; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt - 1]));
      if (!(await this.validate(entry))) continue;
      record.attempts++;
      try {
        const response = await fetch(subscription.endpoint, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await this.deps.token(subscription.audience)}`,
            'content-type': contentType,
            'aeg-event-type': 'Notification',
            'aeg-subscription-name': (subscription.name ?? 'ROLEPORT').toUpperCase(),
            'aeg-delivery-count': String(attempt),
            'aeg-data-version': '1',
            'aeg-metadata-version': '1',
          },
          body: JSON.stringify(json),
        });
        await response.arrayBuffer();
        record.status = response.status;
        if (response.status >= 200 && response.status <= 204) break;
      } catch {
        record.status = 'failed';
      }
    }
    this.deliveries.push(record);
  }
}

/** The APIM event an ARM write publishes, if APIM publishes one for that resource (none for policies or operations). */
export function apimEventFor(
  method: string,
  status: number,
  segments: string[],
  apiRevision: (apiId: string) => string = () => '1',
): { name: string; subject: string } | null {
  if (status < 200 || status > 299) return null;
  const verb =
    method === 'DELETE'
      ? status === 204
        ? null
        : 'Deleted'
      : method === 'PUT'
        ? status === 201
          ? 'Created'
          : 'Updated'
        : method === 'PATCH'
          ? 'Updated'
          : null;
  if (!verb) return null;
  const [collection, id, sub, subId, ...rest] = segments;
  const kind = collection?.toLowerCase();
  if (!id) return null;
  if (kind === 'apis' && sub?.toLowerCase() === 'releases' && subId && rest.length === 0)
    return { name: `APIRelease${verb}`, subject: `/apis/${id}/releases/${subId}` };
  if (sub !== undefined) return null;
  const names: Record<string, string> = { apis: 'API', products: 'Product', subscriptions: 'Subscription', users: 'User' };
  const name = kind ? names[kind] : undefined;
  if (!name) return null;
  // API events name the revision, as APIM's own example does (`/apis/myapi;Rev=1`).
  return { name: `${name}${verb}`, subject: kind === 'apis' ? `/apis/${id};Rev=${apiRevision(id)}` : `/${kind}/${id}` };
}
