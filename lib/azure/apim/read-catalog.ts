import 'server-only';
import { apimClient, apimService } from './client';
import { reshapeApi, reshapeOperation, reshapeProduct, reshapeVersionSet } from './reshape';
import type { ApimApi, ApimOperation, ApimProduct, ApimVersionSet } from './types';

async function collect<T, R>(pages: AsyncIterable<T>, reshape: (item: T) => R): Promise<R[]> {
  const items: R[] = [];
  for await (const item of pages) items.push(reshape(item));
  return items;
}

export async function readGatewayUrl(): Promise<string> {
  const { resourceGroup, serviceName } = apimService();
  const service = await apimClient().apiManagementService.get(resourceGroup, serviceName);
  return service.gatewayUrl ?? '';
}

export async function listProducts(): Promise<ApimProduct[]> {
  const { resourceGroup, serviceName } = apimService();
  return collect(apimClient().product.listByService(resourceGroup, serviceName), reshapeProduct);
}

export async function getProduct(productId: string): Promise<ApimProduct> {
  const { resourceGroup, serviceName } = apimService();
  return reshapeProduct(await apimClient().product.get(resourceGroup, serviceName, productId));
}

export async function listProductApiIds(productId: string): Promise<string[]> {
  const { resourceGroup, serviceName } = apimService();
  return collect(apimClient().productApi.listByProduct(resourceGroup, serviceName, productId), (a) => a.name ?? '');
}

/** Current revisions only: other revisions are not callable at the API's own path. */
export async function listApis(): Promise<ApimApi[]> {
  const { resourceGroup, serviceName } = apimService();
  const apis = await collect(apimClient().api.listByService(resourceGroup, serviceName, { filter: 'isCurrent eq true' }), reshapeApi);
  return apis.filter((api) => api.isCurrent);
}

/** Every version set of the service, by name (one listing; APIs refer to their set by id). */
export async function listVersionSets(): Promise<Map<string, ApimVersionSet>> {
  const { resourceGroup, serviceName } = apimService();
  const sets = await collect(apimClient().apiVersionSet.listByService(resourceGroup, serviceName), reshapeVersionSet);
  return new Map(sets.filter((s): s is ApimVersionSet => s !== null).map((s) => [s.id.toLowerCase(), s]));
}

export async function getVersionSet(versionSetId: string): Promise<ApimVersionSet | null> {
  const { resourceGroup, serviceName } = apimService();
  return reshapeVersionSet(await apimClient().apiVersionSet.get(resourceGroup, serviceName, versionSetId));
}

export async function getApi(apiId: string): Promise<ApimApi> {
  const { resourceGroup, serviceName } = apimService();
  return reshapeApi(await apimClient().api.get(resourceGroup, serviceName, apiId));
}

export async function listApiProductIds(apiId: string): Promise<string[]> {
  const { resourceGroup, serviceName } = apimService();
  return collect(apimClient().apiProduct.listByApis(resourceGroup, serviceName, apiId), (p) => p.name ?? '');
}

export async function listOperations(apiId: string): Promise<ApimOperation[]> {
  const { resourceGroup, serviceName } = apimService();
  return collect(apimClient().apiOperation.listByApi(resourceGroup, serviceName, apiId), reshapeOperation);
}

/** Named values with a readable value (Key Vault-backed and secret ones come back without one). */
export async function listNamedValues(): Promise<Record<string, string>> {
  const { resourceGroup, serviceName } = apimService();
  const values: Record<string, string> = {};
  for await (const nv of apimClient().namedValue.listByService(resourceGroup, serviceName)) {
    if (nv.displayName && typeof nv.value === 'string') values[nv.displayName] = nv.value;
  }
  return values;
}

/** The tags APIM groups an API's operations by (operation id → tag names), read in one listing. */
export async function listOperationTags(apiId: string): Promise<Map<string, string[]>> {
  const { resourceGroup, serviceName } = apimService();
  const tags = new Map<string, string[]>();
  for await (const item of apimClient().operationOperations.listByTags(resourceGroup, serviceName, apiId)) {
    const operationId = item.operation?.id?.split('/').pop();
    const tag = item.tag?.name;
    if (operationId && tag) tags.set(operationId, [...(tags.get(operationId) ?? []), tag]);
  }
  return tags;
}
