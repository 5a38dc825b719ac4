import { missingFragmentProblem } from '../apim/policy-fragments';
import { canonicalizePolicy, renderPolicy, type PolicyFormat } from '../apim/policy-xml';
import { newEtag, policyScope } from '../apim/state';
import { fullId } from './arm-envelopes';
import { ifMatchAllows, methodNotAllowed, readJson, word, type ArmRequest, type ArmResult } from './arm-request';
import { ArmError } from './arm-response';
import { requireApi, requireOperation, requireProduct } from './routes-catalog';

const TYPE = 'Microsoft.ApiManagement/service';

interface PolicyScope {
  key: string;
  /** Service-relative path of the scope's `policies` collection. */
  base: string;
  type: string;
  /** Segments after the scope: `['policies']` or `['policies', '{policyId}']`. */
  rest: string[];
}

/** Finds which scope a policies path addresses, checking the scope's resources exist. */
function resolveScope(r: ArmRequest): PolicyScope | undefined {
  const seg = r.segments;
  const at = (i: number) => word(r, i);
  if (at(0) === 'policies') return { key: policyScope.global(), base: '', type: `${TYPE}/policies`, rest: seg.slice(0) };
  if (at(0) === 'products' && at(2) === 'policies') {
    const product = requireProduct(r, seg[1] as string);
    return { key: policyScope.product(product.id), base: `/products/${product.id}`, type: `${TYPE}/products/policies`, rest: seg.slice(2) };
  }
  if (at(0) === 'apis' && at(2) === 'policies') {
    const api = requireApi(r, seg[1] as string);
    return { key: policyScope.api(api.id), base: `/apis/${api.id}`, type: `${TYPE}/apis/policies`, rest: seg.slice(2) };
  }
  if (at(0) === 'apis' && at(2) === 'operations' && at(4) === 'policies') {
    const api = requireApi(r, seg[1] as string);
    const operation = requireOperation(r, api, seg[3] as string);
    return {
      key: policyScope.operation(api.id, operation.id),
      base: `/apis/${api.id}/operations/${operation.id}`,
      type: `${TYPE}/apis/operations/policies`,
      rest: seg.slice(4),
    };
  }
  return undefined;
}

/** `format` of the single-policy GET (REST spec `PolicyExportFormat`: `xml` default, `rawxml` non XML encoded). */
function requestedFormat(r: ArmRequest): PolicyFormat {
  const format = (r.url.searchParams.get('format') ?? 'xml').toLowerCase();
  if (format === 'xml' || format === 'rawxml') return format;
  throw new ArmError(400, 'ValidationError', `Policy format '${format}' is not supported here; use 'xml' or 'rawxml'.`);
}

function envelope(r: ArmRequest, scope: PolicyScope, xml: string, format: PolicyFormat) {
  const properties: Record<string, unknown> = { value: renderPolicy(xml, format) };
  if (format === 'rawxml') properties.format = 'rawxml';
  return { id: fullId(r.state.service, `${scope.base}/policies/policy`), type: scope.type, name: 'policy', properties };
}

/** Policies at global, product, API and operation scope: get, list, createOrUpdate, delete, getEntityTag. */
export async function handlePolicies(r: ArmRequest): Promise<ArmResult | undefined> {
  const scope = resolveScope(r);
  if (!scope) return undefined;
  const stored = r.state.policies.get(scope.key);

  if (scope.rest.length === 1) {
    if (r.method !== 'GET') throw methodNotAllowed(r);
    // The list operations (ApiPolicy_ListByApi, ProductPolicy_ListByProduct, Policy_ListByService,
    // ApiOperationPolicy_ListByOperation) take no `format` parameter in the 2024-05-01 REST spec, so the
    // service answers in its default `xml` format whatever the query says (ApiManagementListApiPolicies.json).
    const value = stored ? [envelope(r, scope, stored.xml, 'xml')] : [];
    return { status: 200, body: { value, count: value.length, nextLink: '' } };
  }
  if (scope.rest.length !== 2) return undefined;
  if ((scope.rest[1] as string).toLowerCase() !== 'policy')
    throw new ArmError(404, 'ResourceNotFound', `Policy '${scope.rest[1]}' not found; the only policy id is 'policy'.`);
  const ifMatch = headerValue(r, 'if-match');

  switch (r.method) {
    case 'GET':
    case 'HEAD': {
      if (!stored) throw new ArmError(404, 'ResourceNotFound', 'Policy configuration not found.');
      const format = requestedFormat(r);
      return {
        status: 200,
        body: r.method === 'HEAD' ? undefined : envelope(r, scope, stored.xml, format),
        headers: { ETag: `"${stored.etag}"` },
      };
    }
    case 'PUT': {
      const body = await readJson(r);
      const properties = body.properties as Record<string, unknown> | undefined;
      const value = properties?.value;
      if (typeof value !== 'string' || !value.trim()) throw new ArmError(400, 'ValidationError', "Policy content 'value' is required.");
      const format = String(properties?.format ?? 'xml').toLowerCase();
      if (format !== 'xml' && format !== 'rawxml')
        throw new ArmError(400, 'ValidationError', `Policy format '${format}' is not supported here; use 'xml' or 'rawxml'.`);
      if (!ifMatchAllows(ifMatch, stored?.etag)) throw preconditionFailed();
      // `If-None-Match: *` asks for a create only: an existing policy fails the precondition (RFC 9110 §13.1.2;
      // Microsoft REST API Guidelines: a request with it MUST NOT be treated as an update).
      if (stored && ifNoneMatchRefuses(headerValue(r, 'if-none-match'), stored.etag)) throw preconditionFailed();
      const names = [...r.state.namedValues.values()].map((v) => v.displayName.toLowerCase());
      const result = canonicalizePolicy(value, format, (name) => names.includes(name.toLowerCase()));
      if (!result.ok) throw new ArmError(400, 'ValidationError', result.message);
      const missingFragment = missingFragmentProblem(r.state, result.xml);
      if (missingFragment) throw new ArmError(400, 'ValidationError', missingFragment);
      const record = { xml: result.xml, etag: newEtag() };
      r.state.policies.set(scope.key, record);
      return { status: stored ? 200 : 201, body: envelope(r, scope, record.xml, 'xml'), headers: { ETag: `"${record.etag}"` } };
    }
    case 'DELETE': {
      if (!stored) return { status: 204 };
      if (ifMatch === undefined) throw new ArmError(400, 'ValidationError', "The 'If-Match' header is required to delete a policy.");
      if (!ifMatchAllows(ifMatch, stored.etag)) throw preconditionFailed();
      r.state.policies.delete(scope.key);
      return { status: 200 };
    }
    default:
      throw methodNotAllowed(r);
  }
}

function headerValue(r: ArmRequest, name: string): string | undefined {
  const value = r.req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function ifNoneMatchRefuses(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const candidates = header.split(',').map((v) => v.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  return candidates.includes('*') || candidates.includes(etag);
}

function preconditionFailed(): ArmError {
  return new ArmError(
    412,
    'PreconditionFailed',
    'The entity has been modified since it was retrieved; refresh it and apply the change again.',
  );
}
