import { calculateJwkThumbprint, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { TokenVerifier, VerifiedClaims } from '../context';
import { CLOUDS } from '../directory/clouds';

export interface SigningKeys {
  kid: string;
  jwks: { keys: JWK[] };
  sign(claims: Record<string, unknown>): Promise<string>;
  /** Checks signature, expiry and not-before; null when the token is not one of ours or no longer valid. */
  verifyRaw(token: string): Promise<JWTPayload | null>;
}

/** One RS256 key per run, kept in memory: tokens stay valid for the life of the process only. */
export async function createSigningKeys(): Promise<SigningKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwk: JWK = { kty: 'RSA', use: 'sig', kid, n: publicJwk.n, e: publicJwk.e };
  return {
    kid,
    jwks: { keys: [jwk] },
    sign: (claims) => new SignJWT(claims).setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid }).sign(privateKey as CryptoKey),
    async verifyRaw(token) {
      try {
        const { payload } = await jwtVerify(token, publicKey, { algorithms: ['RS256'], clockTolerance: 5 });
        return payload;
      } catch {
        return null;
      }
    },
  };
}

/** Issuers the emulator's Entra signs with, for a tenant (the cloud's v1 sts form and the v2 authority form). */
export function issuersFor(authorityHost: string, tenantId: string, v1IssuerHost = CLOUDS.AzurePublicCloud.v1IssuerHost) {
  return { v1: `${v1IssuerHost}/${tenantId}/`, v2: `${authorityHost}/${tenantId}/v2.0` };
}

/** The verifier other surfaces (Graph, ARM) use to accept the emulator's access tokens. */
export function createTokenVerifier(keys: SigningKeys, authorityHost: string, tenantId: string, v1IssuerHost?: string): TokenVerifier {
  const { v1, v2 } = issuersFor(authorityHost, tenantId, v1IssuerHost);
  return {
    async verify(token) {
      const payload = await keys.verifyRaw(token);
      if (!payload || typeof payload.aud !== 'string' || payload.tid !== tenantId) return null;
      if (payload.iss !== v1 && payload.iss !== v2) return null;
      return payload as VerifiedClaims;
    },
  };
}
