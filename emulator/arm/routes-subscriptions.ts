import { findIn } from '../apim/state';
import type { SubscriptionRecord } from '../apim/types';
import type { FieldValue } from './arm-filter';
import { relativeId, subscriptionEnvelope } from './arm-envelopes';
import { FIXED_ETAG, methodNotAllowed, requireIfMatch, word, type ArmRequest, type ArmResult } from './arm-request';
import { ArmError, pageOf } from './arm-response';
import { requireProduct } from './routes-catalog';
import { handleUsers } from './routes-users';
import { regenerateKey, updateSubscription, upsertSubscription } from './subscription-writes';

const SUBSCRIPTION_FIELDS = ['name', 'displayName', 'stateComment', 'ownerId', 'scope', 'userId', 'productId', 'state', 'user'] as const;

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

/** Subscriptions (with keys and their regeneration) and users. */
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
    if (n === 3) {
      const verb = word(r, 2);
      if (verb !== 'listsecrets' && verb !== 'regenerateprimarykey' && verb !== 'regeneratesecondarykey') return undefined;
      if (r.method !== 'POST') throw methodNotAllowed(r);
      if (verb === 'regenerateprimarykey') return regenerateKey(subscription, 'primary');
      if (verb === 'regeneratesecondarykey') return regenerateKey(subscription, 'secondary');
      return {
        status: 200,
        body: { primaryKey: subscription.primaryKey, secondaryKey: subscription.secondaryKey },
        headers: { ETag: `"${FIXED_ETAG}"` },
      };
    }
    if (n !== 2) return undefined;
    if (r.method === 'GET') return { status: 200, body: subscriptionEnvelope(service, subscription), headers: { ETag: `"${FIXED_ETAG}"` } };
    if (r.method === 'PATCH') return updateSubscription(r, subscription);
    if (r.method === 'DELETE') {
      requireIfMatch(r);
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
    if (n === 3 && word(r, 2) === 'subscriptions') {
      const user = findIn(r.state.users, r.segments[1] as string);
      if (!user) throw new ArmError(404, 'ResourceNotFound', 'User not found.');
      const owner = `/users/${user.id}`.toLowerCase();
      return listSubscriptions(
        r,
        all.filter((s) => s.ownerId?.toLowerCase() === owner),
        `/users/${user.id}`,
        'Microsoft.ApiManagement/service/users/subscriptions',
      );
    }
    return handleUsers(r);
  }

  return undefined;
}
