// API version sets (REST 2024-05-01 `apimapiversionsets.json`): read through ARM; the list accepts `$top`/`$skip`, and its `$filter`
// table names no field, so any filter is refused. Envelopes follow `examples/ApiManagementListApiVersionSets.json`.
import { findIn } from '../apim/state';
import type { ApiVersionSetRecord, ServiceInfo } from '../apim/types';
import { fullId } from './arm-envelopes';
import { methodNotAllowed, word, type ArmRequest, type ArmResult } from './arm-request';
import { ArmError, pageOf } from './arm-response';

export function versionSetEnvelope(service: ServiceInfo, set: ApiVersionSetRecord) {
  return {
    id: fullId(service, `/apiVersionSets/${set.id}`),
    type: 'Microsoft.ApiManagement/service/api-version-sets',
    name: set.id,
    properties: {
      displayName: set.displayName,
      description: set.description,
      versioningScheme: set.versioningScheme,
      ...(set.versionQueryName ? { versionQueryName: set.versionQueryName } : {}),
      ...(set.versionHeaderName ? { versionHeaderName: set.versionHeaderName } : {}),
    },
  };
}

/** GET apiVersionSets and apiVersionSets/{id}; writes are not emulated (405). */
export function handleVersionSets(r: ArmRequest): ArmResult | undefined {
  if (word(r, 0) !== 'apiversionsets' || r.segments.length > 2) return undefined;
  if (r.method !== 'GET' && r.method !== 'HEAD') throw methodNotAllowed(r);
  const service = r.state.service;
  if (r.segments.length === 1) {
    const page = pageOf([...r.state.apiVersionSets.values()], { url: r.url, origin: r.origin }, {});
    const body = { value: page.value.map((set) => versionSetEnvelope(service, set)), count: page.count, nextLink: page.nextLink };
    return { status: 200, body: r.method === 'HEAD' ? undefined : body };
  }
  const set = findIn(r.state.apiVersionSets, r.segments[1] as string);
  if (!set) throw new ArmError(404, 'ResourceNotFound', 'ApiVersionSet not found.');
  return { status: 200, body: r.method === 'HEAD' ? undefined : versionSetEnvelope(service, set), headers: { ETag: '"AAAAAAAAAAE="' } };
}
