import { buildOperation, type OperationSpec } from './operation-builder';
import { canonicalizePolicy } from './policy-xml';
import { newEtag } from './state';
import type { ApiRecord, ApimState, OperationRecord } from './types';

/** Stores a policy the way a rawxml PUT through ARM would; a seed policy that fails validation is a bug. */
export function putPolicy(state: ApimState, scopeKey: string, rawXml: string): void {
  const result = canonicalizePolicy(rawXml, 'rawxml');
  if (!result.ok) throw new Error(`Seed policy for ${scopeKey} is invalid: ${result.message}`);
  state.policies.set(scopeKey, { xml: result.xml, etag: newEtag() });
}

export interface ApiInput {
  id: string;
  displayName: string;
  description: string;
  path: string;
  subscriptionRequired?: boolean;
  tags?: string[];
}

/** Adds an API whose backend is the gateway's built-in echo service, with its operations. */
export function addApi(state: ApimState, input: ApiInput, specs: OperationSpec[]): OperationRecord[] {
  const api: ApiRecord = {
    id: input.id,
    displayName: input.displayName,
    description: input.description,
    path: input.path,
    protocols: ['https'],
    serviceUrl: `https://echo.backend.internal/${input.path}`,
    subscriptionRequired: input.subscriptionRequired ?? false,
    subscriptionKeyParameterNames: { header: 'Ocp-Apim-Subscription-Key', query: 'subscription-key' },
    apiRevision: '1',
    isCurrent: true,
    type: 'http',
    tags: input.tags ?? [],
  };
  state.apis.set(api.id, api);
  const operations = new Map<string, OperationRecord>();
  for (const spec of specs) operations.set(spec.id, buildOperation(api.id, spec));
  state.operations.set(api.id, operations);
  return [...operations.values()];
}

export function linkProduct(state: ApimState, productId: string, apiId: string): void {
  const apis = state.productApis.get(productId) ?? [];
  if (!apis.includes(apiId)) apis.push(apiId);
  state.productApis.set(productId, apis);
}

export function setNamedValue(state: ApimState, id: string, value: string, secret = false): void {
  state.namedValues.set(id, { id, displayName: id, value, secret, tags: ['roleport-demo'], etag: newEtag() });
}

/** A secret named value backed by a Key Vault secret, which the emulated vault holds. */
export function setKeyVaultNamedValue(state: ApimState, id: string, secretIdentifier: string, secretValue: string): void {
  state.keyVaultSecrets.set(secretIdentifier, secretValue);
  state.namedValues.set(id, {
    id,
    displayName: id,
    value: secretValue,
    secret: true,
    tags: ['roleport-demo'],
    keyVault: { secretIdentifier, lastStatus: { code: 'Success', timeStampUtc: new Date().toISOString() } },
    etag: newEtag(),
  });
}
