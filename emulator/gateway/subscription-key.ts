import { productsOfApi } from '../apim/state';
import type { ApimState, ApiRecord, SubscriptionRecord } from '../apim/types';
import { apimError, type GatewayResponse } from './gateway-context';

const MISSING = 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
const INVALID = 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';

export type KeyCheck = { ok: true; subscription?: SubscriptionRecord; productId?: string } | { ok: false; response: GatewayResponse };

/** Whether an active subscription's scope covers the API: all APIs, this API, or a product holding it. */
function covering(state: ApimState, api: ApiRecord, subscription: SubscriptionRecord): { productId?: string } | null {
  const scope = subscription.scope.toLowerCase();
  if (scope === '/apis' || scope === `/apis/${api.id.toLowerCase()}`) return {};
  const productId = productsOfApi(state, api.id).find((id) => scope === `/products/${id.toLowerCase()}`);
  return productId ? { productId } : null;
}

/** Finds the key in the API's header or query parameter and checks it like the gateway does. */
export function checkSubscriptionKey(state: ApimState, api: ApiRecord, headers: Map<string, string[]>, query: URLSearchParams): KeyCheck {
  const key =
    headers.get(api.subscriptionKeyParameterNames.header.toLowerCase())?.[0] ??
    query.get(api.subscriptionKeyParameterNames.query) ??
    undefined;
  if (!key) return api.subscriptionRequired ? { ok: false, response: apimError(401, MISSING) } : { ok: true };
  for (const subscription of state.subscriptions.values()) {
    if (subscription.state !== 'active' || (subscription.primaryKey !== key && subscription.secondaryKey !== key)) continue;
    const match = covering(state, api, subscription);
    if (match) return { ok: true, subscription, productId: match.productId };
  }
  return { ok: false, response: apimError(401, INVALID) };
}
