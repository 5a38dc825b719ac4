import { canonicalizeFragment, fragmentReferences } from '../apim/policy-fragments';
import { renderPolicy, type PolicyFormat } from '../apim/policy-xml';
import { findKey, newEtag } from '../apim/state';
import type { PolicyFragmentRecord } from '../apim/types';
import { fullId } from './arm-envelopes';
import { ifMatchAllows, methodNotAllowed, readJson, word, type ArmRequest, type ArmResult } from './arm-request';
import { ArmError, pageOf } from './arm-response';

// Policy fragments on ARM, api-version 2024-05-01 (azure-rest-api-specs apimpolicyfragments.json): list (filter on
// name/description/value, $top/$skip), HEAD (ETag), GET with `format` xml|rawxml, PUT (createOrUpdate, optional
// If-Match), DELETE (If-Match required; 200 removed, 204 absent), POST listReferences. The spec marks PUT as a
// long-running operation; the emulator completes it synchronously with provisioningState "Succeeded", which the SDK's
// poller accepts as done (no Azure-AsyncOperation/Location header to follow).

const TYPE = 'Microsoft.ApiManagement/service/policyFragments';
const ID = /^[^*#&+:<>?]{1,80}$/;

function requestedFormat(raw: string | null | undefined, what: string): PolicyFormat {
  const format = (raw ?? 'xml').toLowerCase();
  if (format === 'xml' || format === 'rawxml') return format;
  throw new ArmError(400, 'ValidationError', `${what} '${format}' is not supported for policy fragments; use 'xml' or 'rawxml'.`);
}

function envelope(r: ArmRequest, fragment: PolicyFragmentRecord, format: PolicyFormat, extra: Record<string, unknown> = {}) {
  return {
    id: fullId(r.state.service, `/policyFragments/${fragment.id}`),
    type: TYPE,
    name: fragment.id,
    properties: { format, description: fragment.description, value: renderPolicy(fragment.xml, format), ...extra },
  };
}

function requireFragment(r: ArmRequest, id: string): PolicyFragmentRecord {
  const key = findKey(r.state.policyFragments, id);
  if (key === undefined) throw new ArmError(404, 'ResourceNotFound', 'Policy fragment not found.');
  return r.state.policyFragments.get(key) as PolicyFragmentRecord;
}

/** Service-relative ARM path of a policy scope key (`api:orders` → `/apis/orders/policies/policy`). */
function policyPath(key: string): string {
  if (key === 'global') return '/policies/policy';
  const [kind, rest = ''] = key.split(/:(.*)/s);
  if (kind === 'product') return `/products/${rest}/policies/policy`;
  if (kind === 'api') return `/apis/${rest}/policies/policy`;
  const [apiId, operationId] = rest.split('/');
  return `/apis/${apiId}/operations/${operationId}/policies/policy`;
}

const PRECONDITION_FAILED = () =>
  new ArmError(412, 'PreconditionFailed', 'The entity has been modified since it was retrieved; refresh it and apply the change again.');

async function upsert(r: ArmRequest, id: string): Promise<ArmResult> {
  if (!ID.test(id)) throw new ArmError(400, 'ValidationError', `Policy fragment id '${id}' is not valid.`);
  const key = findKey(r.state.policyFragments, id);
  const existing = key === undefined ? undefined : r.state.policyFragments.get(key);
  if (!ifMatchAllows(header(r, 'if-match'), existing?.etag)) throw PRECONDITION_FAILED();
  const properties = ((await readJson(r)).properties ?? {}) as Record<string, unknown>;
  if (typeof properties.value !== 'string' || !properties.value.trim())
    throw new ArmError(400, 'ValidationError', "Policy fragment content 'value' is required.");
  const format = requestedFormat(typeof properties.format === 'string' ? properties.format : undefined, 'Policy fragment format');
  const names = [...r.state.namedValues.values()].map((v) => v.displayName.toLowerCase());
  const result = canonicalizeFragment(properties.value, format, (name) => names.includes(name.toLowerCase()));
  if (!result.ok) throw new ArmError(400, 'ValidationError', result.message);
  const record: PolicyFragmentRecord = {
    id: existing?.id ?? id,
    description: typeof properties.description === 'string' ? properties.description : (existing?.description ?? ''),
    xml: result.xml,
    etag: newEtag(),
  };
  r.state.policyFragments.set(record.id, record);
  return {
    status: existing ? 200 : 201,
    body: envelope(r, record, format, { provisioningState: 'Succeeded' }),
    headers: { ETag: `"${record.etag}"` },
  };
}

function remove(r: ArmRequest, id: string): ArmResult {
  const key = findKey(r.state.policyFragments, id);
  if (key === undefined) return { status: 204 };
  const fragment = r.state.policyFragments.get(key) as PolicyFragmentRecord;
  const ifMatch = header(r, 'if-match');
  if (ifMatch === undefined) throw new ArmError(400, 'ValidationError', "The 'If-Match' header is required to delete a policy fragment.");
  if (!ifMatchAllows(ifMatch, fragment.etag)) throw PRECONDITION_FAILED();
  // Stricter than documented: a fragment still included by a policy is not deleted, so no policy is left pointing at nothing.
  const references = fragmentReferences(r.state, fragment.id);
  if (references.length > 0) {
    throw new ArmError(
      409,
      'Conflict',
      `Policy fragment '${fragment.id}' is referenced by ${references.map(policyPath).join(', ')}; remove those references first.`,
    );
  }
  r.state.policyFragments.delete(key);
  return { status: 200 };
}

/** `policyFragments`, `policyFragments/{id}` and `policyFragments/{id}/listReferences`. */
export async function handlePolicyFragments(r: ArmRequest): Promise<ArmResult | undefined> {
  if (word(r, 0) !== 'policyfragments') return undefined;
  const n = r.segments.length;
  if (n === 1) {
    if (r.method !== 'GET') throw methodNotAllowed(r);
    const page = pageOf(
      [...r.state.policyFragments.values()],
      { url: r.url, origin: r.origin },
      { fields: (f) => ({ name: f.id, description: f.description, value: f.xml }), filterable: ['name', 'description', 'value'] },
    );
    return { status: 200, body: { value: page.value.map((f) => envelope(r, f, 'xml')), count: page.count, nextLink: page.nextLink } };
  }
  const id = r.segments[1] as string;
  if (n === 3 && word(r, 2) === 'listreferences') {
    if (r.method !== 'POST') throw methodNotAllowed(r);
    const fragment = requireFragment(r, id);
    const value = fragmentReferences(r.state, fragment.id).map((key) => ({
      id: fullId(r.state.service, policyPath(key)),
      type: 'Microsoft.ApiManagement/service/policies',
      name: 'policy',
    }));
    return { status: 200, body: { value, count: value.length, nextLink: '' } };
  }
  if (n !== 2) return undefined;
  switch (r.method) {
    case 'GET':
    case 'HEAD': {
      const fragment = requireFragment(r, id);
      const format = requestedFormat(r.url.searchParams.get('format'), 'Format');
      return {
        status: 200,
        body: r.method === 'HEAD' ? undefined : envelope(r, fragment, format),
        headers: { ETag: `"${fragment.etag}"` },
      };
    }
    case 'PUT':
      return upsert(r, id);
    case 'DELETE':
      return remove(r, id);
    default:
      throw methodNotAllowed(r);
  }
}

function header(r: ArmRequest, name: string): string | undefined {
  const value = r.req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
