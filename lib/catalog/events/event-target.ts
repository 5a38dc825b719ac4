import type { DeliveredEvent } from './parse-event-delivery';

// What an APIM event asks Roleport to refresh (learn.microsoft.com/azure/event-grid/event-schema-api-management).
// The subject is the resource's id below the service: `/apis/myapi;Rev=1`, `/products/myproduct`, `/users/…`,
// `/subscriptions/…`, and for releases `/apis/myapi/releases/{releaseId}`. APIM publishes no event for an operation
// or a policy (API, operation, product or global scope), a named value or a policy fragment: edits made through the
// policy studio refresh their API at once; others wait for an admin's "Refresh" on the API page or the scheduled sync.

export type RefreshTarget = { kind: 'api'; apiId: string } | { kind: 'product'; productId: string };

export type EventOutcome =
  | { kind: 'refresh'; target: RefreshTarget }
  /** Taken in, but nothing in the catalog depends on it (users, subscriptions, gateways, circuit breakers). */
  | { kind: 'no-catalog-change'; reason: string }
  | { kind: 'foreign'; reason: string };

const PREFIX = 'Microsoft.ApiManagement.';
// APIM's rule for resource names (REST spec `ApiIdParameter`, `ProductIdParameter`): 1–256 characters, none of *#&+:<>?.
const NAME = /^[^*#&+:<>?/\p{Cc}\p{Cs}]{1,256}$/u;

/** `myapi;Rev=2` → `myapi`: an event about any revision refreshes the API, which reads its current revision. */
const withoutRevision = (name: string) => name.replace(/;rev=[^/]*$/i, '');

export function targetKey(target: RefreshTarget): string {
  return target.kind === 'api' ? `api:${target.apiId}` : `product:${target.productId}`;
}

export function parseTargetKey(key: string): RefreshTarget | null {
  if (key.startsWith('api:')) return { kind: 'api', apiId: key.slice(4) };
  if (key.startsWith('product:')) return { kind: 'product', productId: key.slice(8) };
  return null;
}

/** Maps one event to its refresh; `serviceId` is the configured APIM service, the only topic whose events count. */
export function eventOutcome(event: DeliveredEvent, serviceId: string): EventOutcome {
  if (event.source.replace(/\/+$/, '').toLowerCase() !== serviceId.toLowerCase())
    return { kind: 'foreign', reason: `the event is about another resource (${event.source || 'no topic'})` };
  if (!event.type.startsWith(PREFIX)) return { kind: 'foreign', reason: `${event.type} is not an API Management event` };
  const name = event.type.slice(PREFIX.length);
  const segments = event.subject.split('/').filter(Boolean);
  const [collection, rawId] = segments;
  const id = rawId === undefined ? undefined : withoutRevision(rawId);
  if (/^API(Created|Updated|Deleted)$/.test(name) || /^APIRelease(Created|Updated|Deleted)$/.test(name)) {
    if (collection?.toLowerCase() === 'apis' && id && NAME.test(id)) return { kind: 'refresh', target: { kind: 'api', apiId: id } };
    return { kind: 'no-catalog-change', reason: `the subject ${event.subject} names no API` };
  }
  if (/^Product(Created|Updated|Deleted)$/.test(name)) {
    if (collection?.toLowerCase() === 'products' && id && NAME.test(id))
      return { kind: 'refresh', target: { kind: 'product', productId: id } };
    return { kind: 'no-catalog-change', reason: `the subject ${event.subject} names no product` };
  }
  return { kind: 'no-catalog-change', reason: `the catalog keeps nothing a ${name} event changes` };
}
