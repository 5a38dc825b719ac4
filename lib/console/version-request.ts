import 'server-only';
import type { ApiVersionInfo } from '@/lib/catalog/catalog-types';

/**
 * What a call adds to name the API version APIM should route it to: a query parameter (Query scheme) or a header (Header scheme).
 * The Segment scheme's version is already in the API's base URL; an original version is called without any.
 */
export function versionRequestParts(version: ApiVersionInfo | undefined): { query?: [string, string]; header?: [string, string] } {
  if (!version?.value || !version.selector) return {};
  if (version.scheme === 'Query') return { query: [version.selector, version.value] };
  if (version.scheme === 'Header') return { header: [version.selector, version.value] };
  return {};
}
