// How a version of an APIM versioned API is named and called ("Versions in Azure API Management"): Segment puts the version after the
// API's path, Query in the set's query parameter, Header in the set's header; the original version is called without one.
import type { ApimApi, ApimVersionSet } from '@/lib/azure/apim/types';
import type { ApiVersionInfo, IndexedApi } from './catalog-types';

/** The version an API is within its set, or undefined for an unversioned API (or one whose set could not be read). */
export function versionInfo(api: ApimApi, set: ApimVersionSet | undefined | null): ApiVersionInfo | undefined {
  if (!api.versionSetId || !set) return undefined;
  return {
    setId: set.id,
    setName: set.displayName,
    scheme: set.scheme,
    selector: set.scheme === 'Query' ? set.queryName : set.scheme === 'Header' ? set.headerName : null,
    value: api.apiVersion,
  };
}

/** The gateway URL the API's operation templates hang off: the API's path, plus the version segment under the Segment scheme. */
export function apiBaseUrl(gatewayUrl: string, path: string, version: ApiVersionInfo | undefined): string {
  const segment = version?.scheme === 'Segment' && version.value ? `/${encodeURIComponent(version.value)}` : '';
  return `${gatewayUrl.replace(/\/+$/, '')}/${path}`.replace(/\/+$/, '') + segment;
}

export function versionLabel(version: ApiVersionInfo): string {
  return version.value || 'Original';
}

/** An API's name as people tell versions apart: versions of one set usually share their display name. */
export function apiTitle(api: Pick<IndexedApi, 'displayName' | 'version'>): string {
  return api.version ? `${api.displayName} (${versionLabel(api.version)})` : api.displayName;
}

/** How a caller names this version, in words: "path segment /v2", "query api-version=v2", "header Api-Version: v2". */
export function versionSelectorText(version: ApiVersionInfo): string {
  if (!version.value) return 'no version identifier (the original version)';
  if (version.scheme === 'Segment') return `path segment /${version.value}`;
  if (version.scheme === 'Query') return `query parameter ${version.selector ?? '?'}=${version.value}`;
  return `header ${version.selector ?? '?'}: ${version.value}`;
}
