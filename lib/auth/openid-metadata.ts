import 'server-only';
import { getConfig } from '@/lib/env';

export interface OpenIdMetadata {
  issuer: string;
  token_endpoint: string;
  end_session_endpoint?: string;
  jwks_uri: string;
}

let cached: { at: number; value: OpenIdMetadata } | undefined;
const TTL_MS = 60 * 60 * 1000;

export function discoveryUrl(): string {
  const { authorityHost, tenantId } = getConfig();
  return `${authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration`;
}

/** The tenant's OpenID configuration, cached for an hour like other Entra clients do. */
export async function getOpenIdMetadata(): Promise<OpenIdMetadata> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
  const response = await fetch(discoveryUrl(), { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`OpenID discovery answered ${response.status}`);
  const value = (await response.json()) as OpenIdMetadata;
  cached = { at: Date.now(), value };
  return value;
}
