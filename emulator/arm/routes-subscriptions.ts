import { findIn, findKey, newSubscriptionKey } from '../apim/state';
import type { ApimUserRecord, SubscriptionRecord, SubscriptionState } from '../apim/types';
import type { FieldValue } from './arm-filter';
import { relativeId, subscriptionEnvelope, userEnvelope } from './arm-envelopes';
import { methodNotAllowed, readJson, word, type ArmRequest, type ArmResult } from './arm-request';
import { ArmError, pageOf } from './arm-response';
import { requireProduct } from './routes-catalog';

const SUBSCRIPTION_FIELDS = ['name', 'displayName', 'stateComment', 'ownerId', 'scope', 'userId', 'productId', 'state', 'user'] as const;
const USER_FIELDS = ['name', 'firstName', 'lastName', 'email', 'state', 'registrationDate', 'note'] as const;
const STATES: SubscriptionState[] = ['suspended', 'active', 'expired', 'submitted', 'rejected', 'cancelled'];

function subscriptionFields(s: SubscriptionRecord) {
  return {
    name: s.id,
    displayName: s.displayName,
    stateComment: null,
    ownerId: s.ownerId,
    scope: s.scope,
    userId: s.ownerId?.replace(/^\/users\//, '') ?? null,
    user: s.ownerId?.replace(/^\/users\//, '') ?? null,
    productId: s.scope.startsWith('/products/') ? s.scope.slice('/products/'.length) : null,
    state: s.state,
  };
}

function listSubscriptions(r: ArmRequest, items: SubscriptionRecord[], parent: string, type?: string): ArmResult {
  if (r.method !== 'GET') throw methodNotAllowed(r);
  const service = r.state.service;
  // Filters may name owners and scopes by full ARM id or by service-relative id.
  const mapLiteral = (field: string, value: FieldValue) =>
    typeof value === 'string' && (field === 'ownerId' || field === 'scope') ? relativeId(service, value) : value;
  const page = pageOf(items, { url: r.url, origin: r.origin }, { fields: subscriptionFields, filterable: SUBSCRIPTION_FIELDS, mapLiteral });
  return {
    status: 200,
    body: { value: page.value.map((s) => subscriptionEnvelope(service, s, parent, type)), count: page.count, nextLink: page.nextLink },
  };
}

/** Subscriptions (with keys), users and named values. */
export async function handleSubscriptions(r: ArmRequest): Promise<ArmResult | undefined> {
  const n = r.segments.length;
  const first = word(r, 0);
  const service = r.state.service;
  const all = [...r.state.subscriptions.values()];

  if (first === 'subscriptions') {
    if (n === 1) return listSubscriptions(r, all, '');
    const sid = r.segments[1] as string;
    if (n === 2 && r.method === 'PUT') return upsertSubscription(r, sid);
    const subscription = findIn(r.state.subscriptions, sid);
    if (!subscription) throw new ArmError(404, 'ResourceNotFound', 'Subscription not found.');
    if (n === 3 && word(r, 2) === 'listsecrets') {
      if (r.method !== 'POST') throw methodNotAllowed(r);
      return {
        status: 200,
        body: { primaryKey: subscription.primaryKey, secondaryKey: subscription.secondaryKey },
        headers: { ETag: '"AAAAAAAAAAE="' },
      };
    }
    if (n !== 2) return undefined;
    if (r.method === 'GET') return { status: 200, body: subscriptionEnvelope(service, subscription), headers: { ETag: '"AAAAAAAAAAE="' } };
    if (r.method === 'DELETE') {
      r.state.subscriptions.delete(subscription.id);
      return { status: 200 };
    }
    throw methodNotAllowed(r);
  }

  if (first === 'products' && n === 3 && word(r, 2) === 'subscriptions') {
    const product = requireProduct(r, r.segments[1] as string);
    const scope = `/products/${product.id}`.toLowerCase();
    return listSubscriptions(
      r,
      all.filter((s) => s.scope.toLowerCase() === scope),
      `/products/${product.id}`,
      'Microsoft.ApiManagement/service/products/subscriptions',
    );
  }

  if (first === 'users') {
    if (n === 1) {
      if (r.method !== 'GET') throw methodNotAllowed(r);
      const page = pageOf([...r.state.users.values()], { url: r.url, origin: r.origin }, { fields: userFields, filterable: USER_FIELDS });
      return { status: 200, body: { value: page.value.map((u) => userEnvelope(service, u)), count: page.count, nextLink: page.nextLink } };
    }
    const user = findIn(r.state.users, r.segments[1] as string);
    if (!user) throw new ArmError(404, 'ResourceNotFound', 'User not found.');
    if (n === 2) {
      if (r.method !== 'GET') throw methodNotAllowed(r);
      return { status: 200, body: userEnvelope(service, user), headers: { ETag: '"AAAAAAAAAAE="' } };
    }
    if (n === 3 && word(r, 2) === 'subscriptions') {
      const owner = `/users/${user.id}`.toLowerCase();
      return listSubscriptions(
        r,
        all.filter((s) => s.ownerId?.toLowerCase() === owner),
        `/users/${user.id}`,
        'Microsoft.ApiManagement/service/users/subscriptions',
      );
    }
    return undefined;
  }

  return undefined;
}

const userFields = (u: ApimUserRecord) => ({
  name: u.id,
  firstName: u.firstName,
  lastName: u.lastName,
  email: u.email,
  state: u.state,
  registrationDate: u.registrationDate,
  note: null,
});
/** PUT subscriptions/{sid}: 201 when new, 200 when it replaced an existing one. */
async function upsertSubscription(r: ArmRequest, sid: string): Promise<ArmResult> {
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

  let ownerId = existing?.ownerId ?? null;
  if (typeof p.ownerId === 'string') {
    const userId = relativeId(r.state.service, p.ownerId).replace(/^\/users\//i, '');
    const userKey = findKey(r.state.users, userId);
    if (!userKey) throw new ArmError(400, 'ValidationError', `User '${p.ownerId}' not found.`);
    ownerId = `/users/${userKey}`;
  }
  const requested = typeof p.state === 'string' ? (p.state as SubscriptionState) : undefined;
  if (requested && !STATES.includes(requested))
    throw new ArmError(400, 'ValidationError', `Subscription state '${requested}' is not valid.`);
  const product = scope.startsWith('/products/') ? r.state.products.get(scope.slice('/products/'.length)) : undefined;
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
  return { status: existing ? 200 : 201, body: subscriptionEnvelope(r.state.service, record), headers: { ETag: '"AAAAAAAAAAE="' } };
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
