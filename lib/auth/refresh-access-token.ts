import 'server-only';
import { decodeJwt } from 'jose';
import { portalClientAuthFields } from '@/lib/azure/identity/portal-client-auth';
import { getConfig } from '@/lib/env';
import { getOpenIdMetadata } from './openid-metadata';

export interface RefreshedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt: number;
  /** The ID token's claims of this renewal: the user's roles on Roleport's app as Entra sees them now. */
  identity?: { oid?: string; roles: string[] };
}

/** Claims of the ID token the token endpoint returned over TLS to this confidential client (OIDC Core 3.1.3.7). */
function identityOf(idToken: unknown): RefreshedTokens['identity'] {
  if (typeof idToken !== 'string') return undefined;
  try {
    const claims = decodeJwt(idToken);
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
    return { oid: typeof claims.oid === 'string' ? claims.oid : undefined, roles };
  } catch {
    return undefined;
  }
}

/** Redeems the refresh token at the tenant's token endpoint (Entra rotates it, so keep the new one). */
export async function refreshAccessToken(refreshToken: string): Promise<RefreshedTokens> {
  const config = getConfig();
  const { token_endpoint } = await getOpenIdMetadata();
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: config.clientId,
    ...(await portalClientAuthFields()),
    scope: `openid profile email offline_access ${config.portalApiScope}`,
  });
  const response = await fetch(token_endpoint, { method: 'POST', body, signal: AbortSignal.timeout(10_000) });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof json.access_token !== 'string') {
    throw new Error(`refresh failed: ${String(json.error ?? response.status)}`);
  }
  return {
    accessToken: json.access_token,
    refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : undefined,
    expiresAt: Math.floor(Date.now() / 1000) + Number(json.expires_in ?? 3600),
    identity: identityOf(json.id_token),
  };
}
