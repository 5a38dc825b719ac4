// Reads one Event Grid delivery in either schema the subscription may use:
// - Event Grid schema (learn.microsoft.com/azure/event-grid/event-schema): a JSON array of
//   `{ id, topic, subject, eventType, eventTime, data, dataVersion, metadataVersion }`; the subscription validation
//   handshake is such an array holding one `Microsoft.EventGrid.SubscriptionValidationEvent` whose data carries
//   `validationCode` (learn.microsoft.com/azure/event-grid/webhook-event-delivery).
// - CloudEvents v1.0 (learn.microsoft.com/azure/event-grid/cloud-event-schema): one structured event
//   (`application/cloudevents+json`) or a batch array (`application/cloudevents-batch+json`) of
//   `{ specversion, id, source, subject, type, time, data }`.
// APIM's own examples (event-schema-api-management) spell CloudEvents attributes `Type` and `Time`, so attribute names
// are matched without regard to case.

export const VALIDATION_EVENT_TYPE = 'Microsoft.EventGrid.SubscriptionValidationEvent';

export interface DeliveredEvent {
  id: string;
  type: string;
  subject: string;
  /** `topic` (Event Grid schema) or `source` (CloudEvents): the APIM service's ARM id. */
  source: string;
}

export type EventDelivery =
  | { kind: 'validation'; validationCode: string }
  | { kind: 'events'; schema: 'EventGridSchema' | 'CloudEventSchemaV1_0'; events: DeliveredEvent[] }
  | { kind: 'invalid'; message: string };

/** Event Grid delivers at most 1 MB per request; a batch holds at most 5,000 events. */
const MAX_EVENTS = 5000;
const MAX_FIELD = 2048;

function field(item: Record<string, unknown>, name: string): unknown {
  if (name in item) return item[name];
  const lower = name.toLowerCase();
  const key = Object.keys(item).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : item[key];
}

function text(item: Record<string, unknown>, name: string): string | undefined {
  const value = field(item, name);
  return typeof value === 'string' && value.length <= MAX_FIELD ? value : undefined;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function readEvent(raw: unknown): DeliveredEvent | { validationCode: string } | string {
  const item = asObject(raw);
  if (!item) return 'each event must be a JSON object';
  const cloud = field(item, 'specversion') !== undefined;
  const type = text(item, cloud ? 'type' : 'eventType');
  const id = text(item, 'id');
  if (!type) return `an event has no ${cloud ? 'type' : 'eventType'}`;
  if (!id) return 'an event has no id';
  if (type === VALIDATION_EVENT_TYPE) {
    const code = text(asObject(field(item, 'data')) ?? {}, 'validationCode');
    return code ? { validationCode: code } : 'the validation event has no data.validationCode';
  }
  return {
    id,
    type,
    subject: text(item, 'subject') ?? '',
    source: text(item, cloud ? 'source' : 'topic') ?? '',
  };
}

export function parseEventDelivery(body: unknown): EventDelivery {
  const list = Array.isArray(body) ? body : asObject(body) ? [body] : null;
  if (!list) return { kind: 'invalid', message: 'The body must be an event or an array of events.' };
  if (list.length === 0) return { kind: 'invalid', message: 'The delivery holds no event.' };
  if (list.length > MAX_EVENTS) return { kind: 'invalid', message: `A delivery holds at most ${MAX_EVENTS} events.` };
  const schema = list.some((e) => asObject(e) && field(asObject(e)!, 'specversion') !== undefined)
    ? 'CloudEventSchemaV1_0'
    : 'EventGridSchema';
  const events: DeliveredEvent[] = [];
  for (const raw of list) {
    const read = readEvent(raw);
    if (typeof read === 'string') return { kind: 'invalid', message: `Not an Event Grid delivery: ${read}.` };
    if ('validationCode' in read) {
      // The handshake array holds only the validation event.
      if (list.length !== 1) return { kind: 'invalid', message: 'A validation event comes alone.' };
      return { kind: 'validation', validationCode: read.validationCode };
    }
    events.push(read);
  }
  return { kind: 'events', schema, events };
}
