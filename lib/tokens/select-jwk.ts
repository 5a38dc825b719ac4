import 'server-only';
import type { JSONWebKeySet, JWK } from 'jose';

export type JwkSelection =
  { ok: true; jwk: JWK } | { ok: false; reason: 'unknown-kid' | 'ambiguous-kid' | 'unusable-key'; message: string };

/** Picks the key a verifier would use for a token's `kid` and `alg`, the way validate-jwt matches `kid` against the JWKS. */
export function selectJwk(jwks: JSONWebKeySet, kid: string | undefined, alg: string): JwkSelection {
  const keys = jwks.keys.filter((key) => key.use === undefined || key.use === 'sig');
  if (kid !== undefined) {
    const sameKid = keys.filter((key) => key.kid === kid);
    if (sameKid.length === 0) {
      return { ok: false, reason: 'unknown-kid', message: `The issuer publishes no signing key with kid "${kid}".` };
    }
    const usable = sameKid.find((key) => fitsAlgorithm(key, alg));
    if (!usable) {
      return {
        ok: false,
        reason: 'unusable-key',
        message: `The key "${kid}" is a ${String(sameKid[0]?.kty)} key and cannot verify an ${alg} signature.`,
      };
    }
    return { ok: true, jwk: usable };
  }
  const usable = keys.filter((key) => fitsAlgorithm(key, alg));
  if (usable.length === 1 && usable[0]) return { ok: true, jwk: usable[0] };
  if (usable.length === 0) {
    return { ok: false, reason: 'unusable-key', message: `The issuer publishes no key that can verify an ${alg} signature.` };
  }
  return {
    ok: false,
    reason: 'ambiguous-kid',
    message: `The token names no key (no "kid" in its header) and the issuer publishes ${usable.length} candidate keys.`,
  };
}

export function listKids(jwks: JSONWebKeySet): string[] {
  return jwks.keys.flatMap((key) => (typeof key.kid === 'string' ? [key.kid] : []));
}

function fitsAlgorithm(key: JWK, alg: string): boolean {
  if (typeof key.alg === 'string' && key.alg !== alg) return false;
  if (/^(RS|PS)(256|384|512)$/.test(alg)) return key.kty === 'RSA';
  const curves: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };
  const curve = curves[alg];
  return curve !== undefined && key.kty === 'EC' && key.crv === curve;
}
