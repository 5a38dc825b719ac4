// Mints Entra-shaped access tokens (claim names as in Microsoft's published v1.0/v2.0 samples) from an issuer of its own.
import { randomUUID } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { createJwksKeySource, type KeySource } from '@/lib/tokens/fetch-signing-keys';

type Overrides = Record<string, unknown>;

export interface MintOptions {
  version: 1 | 2;
  audience: string | string[];
  tenantId?: string;
  /** Replaces the issuer derived from the authority, tenant and version. */
  issuer?: string;
  issuedAt?: Date;
  lifetimeSeconds?: number;
  /** The requesting client (azp in v2.0, appid in v1.0). */
  clientId?: string;
  roles?: string[];
  /** null mints an app-only token (no scp). */
  scp?: string | null;
  /** Claim overrides; a value of undefined removes the claim. */
  claims?: Overrides;
  /** Header overrides; a value of undefined removes the field. */
  header?: Overrides;
}

export interface TestIssuer {
  tenantId: string;
  authority: string;
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicKeyPem: string;
  jwks: JSONWebKeySet;
  keySource: KeySource;
  issuerFor(version: 1 | 2, tenantId?: string): string;
  mint(options: MintOptions): Promise<string>;
}

export const TEST_USER = { oid: '0a1d5c3e-1111-4a6b-8e21-000000000001', name: 'Ada Lovelace', upn: 'ada@contoso.onmicrosoft.com' };

/**
 * An issuer with its own RSA key. On the public cloud v1.0 tokens come from sts.windows.net;
 * any other authority (the emulator) is used for both shapes.
 */
export async function createTestIssuer(options: { tenantId: string; authority?: string; kid?: string }): Promise<TestIssuer> {
  const authority = (options.authority ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const kid = options.kid ?? `test-${randomUUID().slice(0, 8)}`;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, use: 'sig' };
  const jwks = { keys: [jwk] };
  const issuerFor = (version: 1 | 2, tenantId = options.tenantId): string => {
    if (version === 2) return `${authority}/${tenantId}/v2.0`;
    return authority === 'https://login.microsoftonline.com' ? `https://sts.windows.net/${tenantId}/` : `${authority}/${tenantId}/`;
  };
  return {
    tenantId: options.tenantId,
    authority,
    kid,
    privateKey,
    publicKey,
    publicKeyPem: await exportSPKI(publicKey),
    jwks,
    keySource: createJwksKeySource(jwks, `${authority}/${options.tenantId}/discovery/v2.0/keys`),
    issuerFor,
    async mint(mint) {
      const tenantId = mint.tenantId ?? options.tenantId;
      const claims = entraClaims({ ...mint, tenantId, issuer: mint.issuer ?? issuerFor(mint.version, tenantId) });
      const header = withOverrides(
        mint.version === 1 ? { typ: 'JWT', alg: 'RS256', x5t: kid, kid } : { typ: 'JWT', alg: 'RS256', kid },
        mint.header,
      );
      return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(privateKey);
    },
  };
}

export function entraClaims(options: MintOptions & { tenantId: string; issuer: string }): Overrides {
  const iat = Math.floor((options.issuedAt ?? new Date(Date.now() - 60_000)).getTime() / 1000);
  const clientId = options.clientId ?? '9d2c6f1a-5b7e-4c3d-a8f0-10000000000a';
  const user =
    options.scp === null
      ? {}
      : options.version === 1
        ? {
            family_name: 'Lovelace',
            given_name: 'Ada',
            name: TEST_USER.name,
            oid: TEST_USER.oid,
            unique_name: TEST_USER.upn,
            upn: TEST_USER.upn,
            amr: ['pwd'],
            acr: '1',
            ipaddr: '203.0.113.7',
          }
        : { name: TEST_USER.name, oid: TEST_USER.oid, preferred_username: TEST_USER.upn };
  const client = options.version === 1 ? { appid: clientId, appidacr: '1' } : { azp: clientId, azpacr: '1' };
  const base: Overrides = {
    aud: options.audience,
    iss: options.issuer,
    iat,
    nbf: iat,
    exp: iat + (options.lifetimeSeconds ?? 3900),
    aio: 'AXQAi/8IAAAA-test',
    ...client,
    ...user,
    ...(options.scp === null ? { oid: 'c4a8e2d0-0000-4f5e-9b3a-e00000000009' } : { scp: options.scp ?? 'access_as_user' }),
    ...(options.roles ? { roles: options.roles } : {}),
    rh: 'I',
    sub: options.scp === null ? 'c4a8e2d0-0000-4f5e-9b3a-e00000000009' : 'l3_roISQU222bULS9yi2k0XpqpOiMz5H3ZACo1GeXA',
    tid: options.tenantId,
    uti: randomUUID().replace(/-/g, '').slice(0, 22),
    ver: options.version === 1 ? '1.0' : '2.0',
  };
  return withOverrides(base, options.claims);
}

/** An `alg: none` token: header and payload, empty signature. */
export function unsignedToken(claims: Overrides, header: Overrides = { typ: 'JWT', alg: 'none' }): string {
  return `${encodePart(header)}.${encodePart(claims)}.`;
}

/** An HMAC-signed token, e.g. keyed with an issuer's public key as in the algorithm-confusion attack. */
export function hmacToken(
  claims: Overrides,
  secret: Uint8Array,
  alg: 'HS256' | 'HS384' | 'HS512' = 'HS256',
  header: Overrides = {},
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ ...header, typ: 'JWT', alg }).sign(secret);
}

/** Replaces claims after signing, keeping the original header and signature. */
export function tamperClaims(token: string, patch: Overrides): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Overrides;
  return `${header}.${encodePart(withOverrides(claims, patch))}.${signature}`;
}

export function decodePart(token: string, index: 0 | 1): Overrides {
  return JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString('utf8')) as Overrides;
}

function encodePart(value: Overrides): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function withOverrides(base: Overrides, overrides: Overrides | undefined): Overrides {
  const out: Overrides = { ...base };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}
