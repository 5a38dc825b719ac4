import 'server-only';
import { jwtVerify, type JWTHeaderParameters } from 'jose';
import { createOpenIdKeySource, type KeySource } from '@/lib/tokens/fetch-signing-keys';

// Event Grid's Microsoft Entra-authenticated delivery (learn.microsoft.com/azure/event-grid/secure-webhook-delivery):
// Event Grid's own app (appId 4962773b-9cdb-44cf-a8bf-237846a00ab7, "Microsoft.EventGrid") gets a token from the
// webhook's tenant for the webhook's app registration (its application id or App ID URI, as set on the subscription)
// and sends it as a Bearer token with every delivery, the validation handshake included. Its service principal holds
// the webhook app's `AzureEventGridSecureWebhookSubscriber` app role, so the token carries that role.
export const EVENT_GRID_APP_ID = '4962773b-9cdb-44cf-a8bf-237846a00ab7';
export const SUBSCRIBER_ROLE = 'AzureEventGridSecureWebhookSubscriber';

export interface DeliveryTokenPolicy {
  tenantId: string;
  /** The v2.0 issuer (`<authority>/<tenant>/v2.0`) and the v1.0 one (`https://sts.windows.net/<tenant>/`). */
  issuers: string[];
  /** What the subscription names as the Entra application: Roleport's client id and/or its App ID URI. */
  audiences: string[];
  keys: KeySource;
}

export type TokenCheck = { ok: true } | { ok: false; reason: string };

const keySources = new Map<string, KeySource>();

/** One cached key source per tenant discovery document. */
export function tenantKeySource(authorityHost: string, tenantId: string): KeySource {
  const issuer = `${authorityHost}/${tenantId}/v2.0`;
  let source = keySources.get(issuer);
  if (!source) {
    source = createOpenIdKeySource({ issuerOrConfigUrl: issuer });
    keySources.set(issuer, source);
  }
  return source;
}

/** Verifies the Authorization header of one delivery: signature, issuer, audience, lifetime, caller and role. */
export async function verifyDeliveryToken(authorization: string | null, policy: DeliveryTokenPolicy): Promise<TokenCheck> {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization?.trim() ?? '');
  if (!match) return { ok: false, reason: 'a Bearer token is required' };
  const getKey = async (header: JWTHeaderParameters) => {
    const lookup = await policy.keys.getKey(header.kid, header.alg);
    if (!lookup.ok) throw new Error(lookup.message);
    return lookup.key;
  };
  try {
    const { payload } = await jwtVerify(match[1] as string, getKey, {
      algorithms: ['RS256'],
      issuer: policy.issuers,
      audience: policy.audiences,
      clockTolerance: 300,
    });
    if (typeof payload.tid !== 'string' || payload.tid.toLowerCase() !== policy.tenantId.toLowerCase())
      return { ok: false, reason: 'the token is from another tenant' };
    const caller = payload.azp ?? payload.appid;
    if (caller !== EVENT_GRID_APP_ID) return { ok: false, reason: 'the token was not issued to Event Grid' };
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    if (!roles.includes(SUBSCRIBER_ROLE)) return { ok: false, reason: `the token lacks the ${SUBSCRIBER_ROLE} role` };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'the token could not be verified' };
  }
}
