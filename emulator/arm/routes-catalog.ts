import { findIn, productsOfApi } from '../apim/state';
import type { ApiRecord, ApiSchemaRecord, OperationRecord, ProductRecord } from '../apim/types';
import { apiEnvelope, apiSchemaEnvelope, fullId, operationEnvelope, productEnvelope, serviceEnvelope } from './arm-envelopes';
import { apiEtag } from './routes-api-writes';
import { methodNotAllowed, word, type ArmRequest, type ArmResult } from './arm-request';
import { ArmError, pageOf } from './arm-response';

const PRODUCT_FIELDS = ['name', 'displayName', 'description', 'terms', 'state', 'subscriptionRequired', 'approvalRequired'] as const;
const API_FIELDS = [
  'name',
  'displayName',
  'description',
  'serviceUrl',
  'path',
  'isCurrent',
  'apiRevision',
  'subscriptionRequired',
] as const;
const OPERATION_FIELDS = ['name', 'displayName', 'method', 'description', 'urlTemplate'] as const;

const productFields = (p: ProductRecord) => ({
  name: p.id,
  displayName: p.displayName,
  description: p.description,
  terms: p.terms,
  state: p.state,
  subscriptionRequired: p.subscriptionRequired,
  approvalRequired: p.approvalRequired,
});
const apiFields = (a: ApiRecord) => ({
  name: a.id,
  displayName: a.displayName,
  description: a.description,
  serviceUrl: a.serviceUrl,
  path: a.path,
  isCurrent: a.isCurrent,
  apiRevision: a.apiRevision,
  subscriptionRequired: a.subscriptionRequired,
});
const operationFields = (o: OperationRecord) => ({
  name: o.id,
  displayName: o.displayName,
  method: o.method,
  description: o.description,
  urlTemplate: o.urlTemplate,
});

export function requireProduct(r: ArmRequest, id: string): ProductRecord {
  const product = findIn(r.state.products, id);
  if (!product) throw new ArmError(404, 'ProductNotFound', 'Product not found.');
  return product;
}

export function requireApi(r: ArmRequest, id: string): ApiRecord {
  const api = findIn(r.state.apis, id);
  if (!api) throw new ArmError(404, 'ResourceNotFound', 'Api not found.');
  return api;
}

export function requireOperation(r: ArmRequest, api: ApiRecord, id: string): OperationRecord {
  const operation = findIn(r.state.operations.get(api.id) ?? new Map<string, OperationRecord>(), id);
  if (!operation) throw new ArmError(404, 'ResourceNotFound', 'Operation not found.');
  return operation;
}

/** Service, products, APIs and operations: all read-only on this surface. */
export function handleCatalog(r: ArmRequest): ArmResult | undefined {
  const s = r.state.service;
  const n = r.segments.length;
  const first = word(r, 0);
  const list = { url: r.url, origin: r.origin };
  if (n === 0) return readOnly(r, () => serviceEnvelope(s, 'AAAAAAAAAAE='));

  if (first === 'products') {
    if (n === 1)
      return readOnly(r, () =>
        collection(pageOf([...r.state.products.values()], list, { fields: productFields, filterable: PRODUCT_FIELDS }), (p) =>
          productEnvelope(s, p),
        ),
      );
    const product = requireProduct(r, r.segments[1] as string);
    if (n === 2) return readOnly(r, () => productEnvelope(s, product));
    if (n === 3 && word(r, 2) === 'apis') {
      const apis = (r.state.productApis.get(product.id) ?? []).map((id) => r.state.apis.get(id)).filter((a): a is ApiRecord => !!a);
      const page = pageOf(apis, list, { fields: apiFields, filterable: API_FIELDS });
      return readOnly(r, () =>
        collection(page, (a) =>
          apiEnvelope(s, a, fullId(s, `/products/${product.id}/apis/${a.id}`), 'Microsoft.ApiManagement/service/products/apis'),
        ),
      );
    }
    return undefined;
  }

  if (first === 'apis') {
    if (n === 1)
      return readOnly(r, () =>
        collection(pageOf([...r.state.apis.values()], list, { fields: apiFields, filterable: API_FIELDS }), (a) => apiEnvelope(s, a)),
      );
    const api = requireApi(r, r.segments[1] as string);
    if (n === 2) return readOnly(r, () => apiEnvelope(s, api), { ETag: `"${apiEtag(api)}"` });
    if (n === 3 && word(r, 2) === 'products') {
      const products = productsOfApi(r.state, api.id)
        .map((id) => r.state.products.get(id))
        .filter((p): p is ProductRecord => !!p);
      return readOnly(r, () =>
        collection(pageOf(products, list, { fields: productFields, filterable: PRODUCT_FIELDS }), (p) => productEnvelope(s, p)),
      );
    }
    if (n === 3 && word(r, 2) === 'operationsbytags') {
      const include = r.url.searchParams.get('includeNotTaggedOperations') === 'true';
      const operations = [...(r.state.operations.get(api.id) ?? new Map<string, OperationRecord>()).values()];
      return readOnly(r, () =>
        collection(pageOf(operationsByTag(operations, include), list, {}), (item) => operationTagEnvelope(api, item)),
      );
    }
    if (word(r, 2) === 'schemas') {
      const schemas = r.state.apiSchemas.get(api.id) ?? new Map<string, ApiSchemaRecord>();
      if (n === 3) return readOnly(r, () => collection(pageOf([...schemas.values()], list, {}), (x) => apiSchemaEnvelope(s, x)));
      if (n === 4) {
        const schema = findIn(schemas, r.segments[3] as string);
        if (!schema) throw new ArmError(404, 'ResourceNotFound', 'Schema not found.');
        return readOnly(r, () => apiSchemaEnvelope(s, schema));
      }
    }
    if (word(r, 2) === 'operations') {
      const operations = r.state.operations.get(api.id) ?? new Map<string, OperationRecord>();
      if (n === 3)
        return readOnly(r, () =>
          collection(pageOf([...operations.values()], list, { fields: operationFields, filterable: OPERATION_FIELDS }), (o) =>
            operationEnvelope(s, o),
          ),
        );
      if (n === 4) {
        const operation = requireOperation(r, api, r.segments[3] as string);
        return readOnly(r, () => operationEnvelope(s, operation), { ETag: '"AAAAAAAAAAE="' });
      }
    }
    return undefined;
  }
  return undefined;
}

function collection<T, U>(page: { value: T[]; count: number; nextLink: string }, envelope: (item: T) => U) {
  return { value: page.value.map(envelope), count: page.count, nextLink: page.nextLink };
}

function readOnly(r: ArmRequest, body: () => unknown, headers?: Record<string, string>): ArmResult {
  if (r.method !== 'GET' && r.method !== 'HEAD') throw methodNotAllowed(r);
  return { status: 200, body: r.method === 'HEAD' ? undefined : body(), headers };
}

interface OperationTag {
  tag: string | null;
  operation: OperationRecord;
}

/** One row per (tag, operation), as APIM lists them; untagged operations only when asked for. */
function operationsByTag(operations: OperationRecord[], includeUntagged: boolean): OperationTag[] {
  return operations.flatMap((operation): OperationTag[] =>
    operation.tags.length > 0 ? operation.tags.map((tag) => ({ tag, operation })) : includeUntagged ? [{ tag: null, operation }] : [],
  );
}

const tagId = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// Ids in this contract are relative to the service, as Microsoft's example shows.
function operationTagEnvelope(api: ApiRecord, { tag, operation }: OperationTag) {
  return {
    ...(tag ? { tag: { id: `/tags/${tagId(tag)}`, name: tag } } : {}),
    operation: {
      id: `/apis/${api.id}/operations/${operation.id}`,
      apiName: api.displayName,
      apiRevision: api.apiRevision,
      name: operation.displayName,
      method: operation.method,
      urlTemplate: operation.urlTemplate,
      description: operation.description,
    },
  };
}
