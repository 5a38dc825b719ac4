import { randomBytes } from 'node:crypto';
import type { ApimState, PolicyScopeKey } from './types';

export type { ApimState } from './types';

/** An empty service; `seedApim` fills it. Ids are kept in their original case, looked up case-insensitively. */
export function createApimState(): ApimState {
  return {
    service: {
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      resourceGroup: 'rg',
      name: 'apim',
      location: 'West Europe',
      sku: { name: 'Developer', capacity: 1 },
      publisherName: 'Contoso',
      publisherEmail: 'apis@contoso.com',
      gatewayUrl: '',
      portalUrl: '',
      developerPortalUrl: '',
      managementApiUrl: '',
      scmUrl: '',
      createdAtUtc: '2025-01-15T09:30:00.0000000Z',
    },
    products: new Map(),
    productApis: new Map(),
    apis: new Map(),
    apiVersionSets: new Map(),
    operations: new Map(),
    policies: new Map(),
    users: new Map(),
    subscriptions: new Map(),
    namedValues: new Map(),
    policyFragments: new Map(),
    apiSchemas: new Map(),
    keyVaultSecrets: new Map(),
  };
}

/** Looks a key up the way ARM does: names are case-insensitive. */
export function findKey<V>(map: Map<string, V>, id: string): string | undefined {
  if (map.has(id)) return id;
  const wanted = id.toLowerCase();
  for (const key of map.keys()) if (key.toLowerCase() === wanted) return key;
  return undefined;
}

export function findIn<V>(map: Map<string, V>, id: string): V | undefined {
  const key = findKey(map, id);
  return key === undefined ? undefined : map.get(key);
}

export const policyScope = {
  global: (): PolicyScopeKey => 'global',
  product: (productId: string): PolicyScopeKey => `product:${productId}`,
  api: (apiId: string): PolicyScopeKey => `api:${apiId}`,
  operation: (apiId: string, operationId: string): PolicyScopeKey => `operation:${apiId}/${operationId}`,
};

/** APIM ETags look like base64 of a row version, e.g. `AAAAAAAWN/4=`. */
export function newEtag(): string {
  return randomBytes(8).toString('base64');
}

/** Subscription keys are 32 hex characters on APIM. */
export function newSubscriptionKey(): string {
  return randomBytes(16).toString('hex');
}

/** Products an API belongs to, in product order. */
export function productsOfApi(state: ApimState, apiId: string): string[] {
  const wanted = apiId.toLowerCase();
  const result: string[] = [];
  for (const [productId, apiIds] of state.productApis) {
    if (apiIds.some((id) => id.toLowerCase() === wanted)) result.push(productId);
  }
  return result;
}
