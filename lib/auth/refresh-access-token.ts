import 'server-only';
import { getConfig } from '@/lib/env';
import { getOpenIdMetadata } from './openid-metadata';

export interface RefreshedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt: number;
}

/** Redeems the refresh token at the tenant's token endpoint (Entra rotates it, so keep the new one). */
export async function refreshAccessToken(refreshToken: string): Promise<RefreshedTokens> {
  const config = getConfig();
  const { token_endpoint } = await getOpenIdMetadata();
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: config.clientId,
    client_secret: config.clientSecret,
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
  };
}
