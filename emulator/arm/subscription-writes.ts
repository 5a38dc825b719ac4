// Subscription writes (REST spec 2024-05-01 `apimsubscriptions.json`): Subscription_CreateOrUpdate (PUT, If-Match optional,
// 201 "The user was successfully subscribed to the product" / 200 "The user already subscribed to the product"),
// Subscription_Update (PATCH, If-Match required, 200), Subscription_RegeneratePrimaryKey / RegenerateSecondaryKey (POST, 204).
// Where the spec is silent (limits, unpublished products, blocked owners) the emulator refuses a new subscription, the
// stricter reading of the developer portal's rules ("Create and publish a product": subscriptionsLimit, published state).
import { findKey, newSubscriptionKey } from '../apim/state';
import type { ProductRecord, SubscriptionRecord, SubscriptionState } from '../apim/types';
import { relativeId, subscriptionEnvelope } from './arm-envelopes';
import { FIXED_ETAG, readJson, requireIfMatch, type ArmRequest, type ArmResult } from './arm-request';
import { ArmError } from './arm-response';

const STATES: SubscriptionState[] = ['suspended', 'active', 'expired', 'submitted', 'rejected', 'cancelled'];
/** States that count against a product's subscriptionsLimit: the subscription exists or is waiting for approval. */
const HOLDING: SubscriptionState[] = ['active', 'submitted', 'suspended'];

const saved = (r: ArmRequest, record: SubscriptionRecord, status: number): ArmResult => ({
  status,
  body: subscriptionEnvelope(r.state.service, record),
  headers: { ETag: `"${FIXED_ETAG}"` },
});

function stateOf(p: Record<string, unknown>): SubscriptionState | undefined {
  if (p.state === undefined) return undefined;
  const requested = p.state as SubscriptionState;
  if (typeof requested !== 'string' || !STATES.includes(requested))
    throw new ArmError(400, 'ValidationError', `Subscription state '${String(p.state)}' is not valid.`);
  return requested;
}

function ownerOf(r: ArmRequest, p: Record<string, unknown>, fallback: string | null): string | null {
  if (typeof p.ownerId !== 'string') return fallback;
  const userId = relativeId(r.state.service, p.ownerId).replace(/^\/users\//i, '');
  const userKey = findKey(r.state.users, userId);
  if (!userKey) throw new ArmError(400, 'ValidationError', `User '${p.ownerId}' not found.`);
  return `/users/${userKey}`;
}

/** A new subscription to a product: the product must be published, the owner not blocked, the owner's limit not reached. */
function checkNewSubscription(r: ArmRequest, product: ProductRecord | undefined, ownerId: string | null): void {
  if (!product) return;
  if (product.state !== 'published')
    throw new ArmError(400, 'ValidationError', `Product '${product.id}' is not published, so it cannot be subscribed to.`);
  if (!ownerId) return;
  const owner = r.state.users.get(ownerId.slice('/users/'.length));
  if (owner && owner.state !== 'active')
    throw new ArmError(400, 'ValidationError', `User '${owner.id}' is ${owner.state} and cannot subscribe to products.`);
  if (product.subscriptionsLimit === undefined) return;
  const scope = `/products/${product.id}`.toLowerCase();
  const held = [...r.state.subscriptions.values()].filter(
    (s) => s.ownerId?.toLowerCase() === ownerId.toLowerCase() && s.scope.toLowerCase() === scope && HOLDING.includes(s.state),
  );
  if (held.length >= product.subscriptionsLimit)
    throw new ArmError(
      409,
      'Conflict',
      `User '${ownerId.slice('/users/'.length)}' already has ${held.length} subscription(s) to product '${product.id}'; its limit is ${product.subscriptionsLimit}.`,
    );
}

/** PUT subscriptions/{sid}: 201 when new, 200 when it replaced an existing one. */
export async function upsertSubscription(r: ArmRequest, sid: string): Promise<ArmResult> {
  const body = await readJson(r);
  const p = (body.properties ?? {}) as Record<string, unknown>;
  const key = findKey(r.state.subscriptions, sid);
  const existing = key === undefined ? undefined : r.state.subscriptions.get(key);
  if (!/^[^*#&+:<>?]{1,256}$/.test(sid)) throw new ArmError(400, 'ValidationError', `Subscription id '${sid}' is not valid.`);

  const scopeInput = typeof p.scope === 'string' ? relativeId(r.state.service, p.scope) : existing?.scope;
  if (!scopeInput)
    throw new ArmError(400, 'ValidationError', "Subscription scope is required ('/products/{id}', '/apis/{id}' or '/apis').");
  const scope = resolveSubscriptionScope(r, scopeInput);
  const displayName = typeof p.displayName === 'string' ? p.displayName : existing?.displayName;
  if (!displayName) throw new ArmError(400, 'ValidationError', "Subscription 'displayName' is required.");

  const ownerId = ownerOf(r, p, existing?.ownerId ?? null);
  const requested = stateOf(p);
  const product = scope.startsWith('/products/') ? r.state.products.get(scope.slice('/products/'.length)) : undefined;
  if (!existing) checkNewSubscription(r, product, ownerId);
  const state = requested ?? existing?.state ?? (product?.approvalRequired ? 'submitted' : 'active');

  const record: SubscriptionRecord = {
    id: existing?.id ?? sid,
    ownerId,
    scope,
    displayName,
    state,
    primaryKey: typeof p.primaryKey === 'string' ? p.primaryKey : (existing?.primaryKey ?? newSubscriptionKey()),
    secondaryKey: typeof p.secondaryKey === 'string' ? p.secondaryKey : (existing?.secondaryKey ?? newSubscriptionKey()),
    createdDate: existing?.createdDate ?? new Date().toISOString(),
    startDate: state === 'active' ? (existing?.startDate ?? new Date().toISOString().slice(0, 10) + 'T00:00:00Z') : existing?.startDate,
    allowTracing: typeof p.allowTracing === 'boolean' ? p.allowTracing : (existing?.allowTracing ?? false),
  };
  r.state.subscriptions.set(record.id, record);
  return saved(r, record, existing ? 200 : 201);
}

/** PATCH subscriptions/{sid}: state changes (activate, suspend, cancel) and renames; keys may be set explicitly. */
export async function updateSubscription(r: ArmRequest, subscription: SubscriptionRecord): Promise<ArmResult> {
  requireIfMatch(r);
  const body = await readJson(r);
  const p = (body.properties ?? {}) as Record<string, unknown>;
  const state = stateOf(p) ?? subscription.state;
  const record: SubscriptionRecord = {
    ...subscription,
    ownerId: ownerOf(r, p, subscription.ownerId),
    displayName: typeof p.displayName === 'string' && p.displayName ? p.displayName : subscription.displayName,
    state,
    primaryKey: typeof p.primaryKey === 'string' ? p.primaryKey : subscription.primaryKey,
    secondaryKey: typeof p.secondaryKey === 'string' ? p.secondaryKey : subscription.secondaryKey,
    startDate:
      state === 'active' ? (subscription.startDate ?? new Date().toISOString().slice(0, 10) + 'T00:00:00Z') : subscription.startDate,
  };
  r.state.subscriptions.set(record.id, record);
  return saved(r, record, 200);
}

/** POST …/regeneratePrimaryKey | regenerateSecondaryKey: 204; the old key stops working at the gateway at once. */
export function regenerateKey(subscription: SubscriptionRecord, which: 'primary' | 'secondary'): ArmResult {
  if (which === 'primary') subscription.primaryKey = newSubscriptionKey();
  else subscription.secondaryKey = newSubscriptionKey();
  return { status: 204 };
}

function resolveSubscriptionScope(r: ArmRequest, scope: string): string {
  const parts = scope.split('/').filter(Boolean);
  if (parts.length === 1 && parts[0]?.toLowerCase() === 'apis') return '/apis';
  if (parts.length === 2 && parts[0]?.toLowerCase() === 'products') {
    const key = findKey(r.state.products, parts[1] as string);
    if (key) return `/products/${key}`;
  }
  if (parts.length === 2 && parts[0]?.toLowerCase() === 'apis') {
    const key = findKey(r.state.apis, parts[1] as string);
    if (key) return `/apis/${key}`;
  }
  throw new ArmError(400, 'ValidationError', `Subscription scope '${scope}' does not identify a product or API of this service.`);
}
