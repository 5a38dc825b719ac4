import { findIn } from '../apim/state';
import type { ApiRecord } from '../apim/types';
import { apiEnvelope } from './arm-envelopes';
import { ifMatchAllows, readJson, word, type ArmRequest, type ArmResult } from './arm-request';
import { ArmError } from './arm-response';

// Api_Update (PATCH) and Api_Delete (DELETE) of `…/apis/{apiId}`: REST spec
// specification/apimanagement/resource-manager/Microsoft.ApiManagement/stable/2024-05-01/apimapis.json. Both require
// If-Match (`*` or the entity's ETag; a stale one gives 412); Update answers 200 with the API and its new ETag,
// Delete answers 200 (204 when there was nothing to delete). Only the properties below can be patched here; any
// other is refused, where APIM would apply it.
const PATCHABLE = ['displayName', 'description', 'serviceUrl', 'subscriptionRequired'] as const;

const versions = new WeakMap<ApiRecord, number>();

/** The API's ETag: it changes with every update, as APIM's does. */
export function apiEtag(api: ApiRecord): string {
  const version = versions.get(api) ?? 1;
  return Buffer.from(`api-${version}`).toString('base64');
}

function requireIfMatch(r: ArmRequest, api: ApiRecord): void {
  const raw = r.req.headers['if-match'];
  const header = Array.isArray(raw) ? raw.join(',') : raw;
  if (header === undefined) throw new ArmError(400, 'ValidationError', "The 'If-Match' header is required.");
  if (!ifMatchAllows(header, apiEtag(api)))
    throw new ArmError(
      412,
      'PreconditionFailed',
      'The entity state does not match the If-Match condition: it was changed by another request.',
    );
}

function patch(api: ApiRecord, properties: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(properties)) {
    if (!(PATCHABLE as readonly string[]).includes(name))
      throw new ArmError(400, 'ValidationError', `The emulator cannot update the API property '${name}'.`);
    if (name === 'subscriptionRequired' ? typeof value !== 'boolean' : typeof value !== 'string')
      throw new ArmError(400, 'ValidationError', `Invalid value for '${name}'.`);
    if (name === 'displayName' && ((value as string).length < 1 || (value as string).length > 300))
      throw new ArmError(400, 'ValidationError', 'displayName must be 1 to 300 characters long.');
  }
  Object.assign(api, properties);
  versions.set(api, (versions.get(api) ?? 1) + 1);
}

/** PATCH or DELETE of one API; undefined for anything else. */
export async function handleApiWrites(r: ArmRequest): Promise<ArmResult | undefined> {
  if (r.segments.length !== 2 || word(r, 0) !== 'apis' || (r.method !== 'PATCH' && r.method !== 'DELETE')) return undefined;
  const api = findIn(r.state.apis, r.segments[1] as string);
  if (r.method === 'DELETE') {
    if (!api) return { status: 204 };
    requireIfMatch(r, api);
    r.state.apis.delete(api.id);
    r.state.operations.delete(api.id);
    for (const [productId, apiIds] of r.state.productApis)
      r.state.productApis.set(
        productId,
        apiIds.filter((id) => id !== api.id),
      );
    return { status: 200 };
  }
  if (!api) throw new ArmError(404, 'ResourceNotFound', 'Api not found.');
  requireIfMatch(r, api);
  const body = await readJson(r);
  const properties = body.properties;
  if (!properties || typeof properties !== 'object' || Array.isArray(properties))
    throw new ArmError(400, 'ValidationError', "The request body must carry 'properties'.");
  patch(api, properties as Record<string, unknown>);
  return { status: 200, body: apiEnvelope(r.state.service, api), headers: { ETag: `"${apiEtag(api)}"` } };
}
