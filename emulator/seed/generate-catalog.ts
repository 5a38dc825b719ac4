import { addApi, linkProduct, putPolicy } from '../apim/catalog-writer';
import type { OperationSpec } from '../apim/operation-builder';
import { apiJwtPolicy, roleportOperationPolicy } from '../apim/seed-policies';
import { newEtag, policyScope } from '../apim/state';
import type { ApimState } from '../apim/types';

const RESOURCES = ['accounts', 'invoices', 'shipments', 'tickets', 'devices', 'contracts', 'assets', 'claims', 'routes', 'quotes'];
const VERBS: { method: OperationSpec['method']; suffix: string; name: string; roles: string[] }[] = [
  { method: 'GET', suffix: '', name: 'List', roles: ['Orders.Read', 'Orders.Write', 'Orders.Admin'] },
  { method: 'GET', suffix: '/{id}', name: 'Get', roles: ['Orders.Read', 'Orders.Write', 'Orders.Admin'] },
  { method: 'POST', suffix: '', name: 'Create', roles: ['Orders.Write', 'Orders.Admin'] },
  { method: 'PUT', suffix: '/{id}', name: 'Replace', roles: ['Orders.Write', 'Orders.Admin'] },
  { method: 'PATCH', suffix: '/{id}', name: 'Update', roles: ['Orders.Write', 'Orders.Admin'] },
  { method: 'DELETE', suffix: '/{id}', name: 'Delete', roles: ['Orders.Admin'] },
];

function pad(n: number): string {
  return String(n).padStart(4, '0');
}

/** The operations of one generated API: CRUD over a rotating set of resources, `count` in all. */
function generatedOperations(count: number): (OperationSpec & { roles: string[] })[] {
  const specs: (OperationSpec & { roles: string[] })[] = [];
  for (let i = 0; i < count; i++) {
    const resource = RESOURCES[Math.floor(i / VERBS.length) % RESOURCES.length] as string;
    const round = Math.floor(i / (VERBS.length * RESOURCES.length));
    const verb = VERBS[i % VERBS.length]!;
    const base = round === 0 ? `/${resource}` : `/v${round + 1}/${resource}`;
    specs.push({
      id: `${verb.name.toLowerCase()}-${resource}${round === 0 ? '' : `-v${round + 1}`}`,
      method: verb.method,
      urlTemplate: base + verb.suffix,
      displayName: `${verb.name} ${resource}`,
      description: `${verb.name} ${resource} records.`,
      tag: resource,
      params: verb.suffix ? { id: `Id of the ${resource.slice(0, -1)}.` } : undefined,
      requestExample: verb.method === 'POST' || verb.method === 'PUT' || verb.method === 'PATCH' ? { name: 'example' } : undefined,
      roles: verb.roles,
    });
  }
  return specs;
}

/**
 * Adds `apis` APIs (`gen-api-0001`…) with `operations` operations each, all protected like the Orders API:
 * API-scope validate-jwt against the Orders app and Roleport-generated role blocks per operation.
 */
export function generateCatalog(state: ApimState, options: { apis: number; operations: number; productId?: string }): void {
  const specs = generatedOperations(options.operations);
  // Policies are validated once per distinct text; generated APIs share texts, so this stays fast.
  const apiPolicy = apiJwtPolicy({ audienceNames: ['orders-client-id', 'orders-app-id-uri'], issuers: ['{{entra-issuer-v2}}'] });
  for (let n = 1; n <= options.apis; n++) {
    const id = `gen-api-${pad(n)}`;
    addApi(
      state,
      {
        id,
        displayName: `Generated API ${pad(n)}`,
        description: `Generated API ${n} for load and scale tests.`,
        path: `gen/${pad(n)}`,
        tags: ['generated'],
      },
      specs,
    );
    putCached(state, policyScope.api(id), apiPolicy);
    for (const spec of specs) putCached(state, policyScope.operation(id, spec.id), roleportOperationPolicy(spec.roles));
    if (options.productId) linkProduct(state, options.productId, id);
  }
}

const canonical = new Map<string, string>();

function putCached(state: ApimState, key: string, raw: string): void {
  const known = canonical.get(raw);
  if (known) {
    state.policies.set(key, { xml: known, etag: newEtag() });
    return;
  }
  putPolicy(state, key, raw);
  const stored = state.policies.get(key);
  if (stored) canonical.set(raw, stored.xml);
}
