// Which APIs a request can address, with versions chosen as APIM does ("Versions in Azure API Management",
// learn.microsoft.com/azure/api-management/api-management-versions): Segment puts the version after the API's path
// (`/{path}/{version}/{operation}`), Query in the set's query parameter, Header in the set's header. The original version of a set
// (no version identifier) answers only where no version is given; without one, a request that names no version matches nothing.
import { findIn } from '../apim/state';
import type { ApimState, ApiRecord } from '../apim/types';

export interface VersionSelectors {
  query: URLSearchParams;
  headers: Map<string, string[]>;
}

export interface AddressedApi {
  api: ApiRecord;
  /** Path segments the API (and its version segment) takes before the operation's template. */
  prefix: string[];
}

function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The current APIs whose path (and version selector) the request carries, longest prefix first. */
export function addressedApis(state: ApimState, requestSegments: string[], selectors: VersionSelectors): AddressedApi[] {
  const found: AddressedApi[] = [];
  for (const api of state.apis.values()) {
    if (!api.isCurrent) continue;
    let prefix = segments(api.path);
    const set = api.apiVersionSetId ? findIn(state.apiVersionSets, api.apiVersionSetId) : undefined;
    const version = api.apiVersion ?? '';
    if (set?.versioningScheme === 'Segment' && version) prefix = [...prefix, version];
    if (!prefix.every((p, i) => p.toLowerCase() === requestSegments[i]?.toLowerCase())) continue;
    if (set?.versioningScheme === 'Query' && (selectors.query.get(set.versionQueryName ?? '') ?? '') !== version) continue;
    if (set?.versioningScheme === 'Header') {
      const given = selectors.headers.get((set.versionHeaderName ?? '').toLowerCase())?.[0] ?? '';
      if (given !== version) continue;
    }
    found.push({ api, prefix });
  }
  return found.sort((a, b) => b.prefix.length - a.prefix.length);
}
