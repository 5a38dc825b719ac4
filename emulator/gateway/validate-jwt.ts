import type { Element } from '@xmldom/xmldom';
import { importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { elementChildren } from '../apim/policy-xml';
import { headerValue, UnsupportedPolicyError, type GatewayContext, type GatewayResponse } from './gateway-context';
import type { OpenIdKeyCache } from './openid-keys';
import { candidateKeys, failureAnswer, literalReader, rs256Header, saveTokenVariable } from './token-policy';

const KNOWN_CHILDREN = new Set(['openid-config', 'issuer-signing-keys', 'audiences', 'issuers', 'required-claims']);

function child(element: Element, name: string): Element | undefined {
  return elementChildren(element).find((e) => e.nodeName === name);
}

function texts(element: Element | undefined, name: string): string[] {
  return element
    ? elementChildren(element)
        .filter((e) => e.nodeName === name)
        .map((e) => (e.textContent ?? '').trim())
    : [];
}

const literal = literalReader('validate-jwt');

function extractToken(policy: Element, ctx: GatewayContext): string | undefined {
  const headerName = literal(policy, 'header-name');
  const queryName = literal(policy, 'query-parameter-name');
  if (policy.getAttribute('token-value'))
    throw new UnsupportedPolicyError("validate-jwt: 'token-value' is not supported; use header-name or query-parameter-name.");
  const raw = headerName ? headerValue(ctx, headerName) : queryName ? (ctx.query.get(queryName) ?? undefined) : undefined;
  if (!headerName && !queryName) throw new UnsupportedPolicyError("validate-jwt needs 'header-name' or 'query-parameter-name'.");
  if (raw === undefined) return undefined;
  const scheme = literal(policy, 'require-scheme');
  if (!scheme) return raw.trim();
  const match = /^(\S+)\s+(\S+)\s*$/.exec(raw.trim());
  return match && (match[1] as string).toLowerCase() === scheme.toLowerCase() ? match[2] : undefined;
}

function staticKeys(policy: Element): JWK[] {
  const section = child(policy, 'issuer-signing-keys');
  if (!section) return [];
  return elementChildren(section).map((key) => {
    const n = key.getAttribute('n');
    const e = key.getAttribute('e');
    if (key.nodeName !== 'key' || !n || !e)
      throw new UnsupportedPolicyError('validate-jwt: only RSA <key n="…" e="…" /> issuer signing keys are supported (RS256).');
    return { kty: 'RSA', n, e, kid: key.getAttribute('id') ?? undefined, alg: 'RS256' } as JWK;
  });
}

export function claimsSatisfied(policy: Element, payload: JWTPayload): boolean {
  const section = child(policy, 'required-claims');
  if (!section) return true;
  return elementChildren(section).every((claim) => {
    const name = claim.getAttribute('name') ?? '';
    const raw = payload[name];
    if (raw === undefined) return false;
    const separator = claim.getAttribute('separator');
    let present = (Array.isArray(raw) ? raw : [raw]).map(String);
    if (separator) present = present.flatMap((v) => v.split(separator));
    const wanted = texts(claim, 'value');
    if (wanted.length === 0) return true;
    return (claim.getAttribute('match') ?? 'all') === 'any'
      ? wanted.some((v) => present.includes(v))
      : wanted.every((v) => present.includes(v));
  });
}

/** Runs one `<validate-jwt>`; answers the failure response, or undefined when the token passes. */
export async function validateJwt(policy: Element, ctx: GatewayContext, keyCache: OpenIdKeyCache): Promise<GatewayResponse | undefined> {
  for (const element of elementChildren(policy)) {
    if (!KNOWN_CHILDREN.has(element.nodeName))
      throw new UnsupportedPolicyError(`validate-jwt: child element '${element.nodeName}' is not supported.`);
  }
  const failure = failureAnswer(policy, literal);
  const fail = () => failure('Invalid JWT.');
  const skew = Number(literal(policy, 'clock-skew') ?? '0');

  const token = extractToken(policy, ctx);
  if (!token) return fail();
  const header = rs256Header(token);
  if (!header) return fail();
  const { kid } = header;

  const keys = staticKeys(policy);
  const configIssuers: string[] = [];
  for (const config of elementChildren(policy).filter((e) => e.nodeName === 'openid-config')) {
    const url = literal(config, 'url');
    if (!url) continue;
    try {
      const found = await keyCache.get(url, kid);
      keys.push(...found.keys);
      if (found.issuer) configIssuers.push(found.issuer);
    } catch {
      return fail();
    }
  }

  const audiences = texts(child(policy, 'audiences'), 'audience');
  // Without <issuers>, the issuers named by the openid-config documents are the accepted ones.
  const issuers = child(policy, 'issuers') ? texts(child(policy, 'issuers'), 'issuer') : configIssuers;
  for (const jwk of candidateKeys(keys, kid)) {
    try {
      const key = await importJWK({ ...jwk, alg: 'RS256' }, 'RS256');
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['RS256'],
        clockTolerance: Number.isFinite(skew) ? skew : 0,
        audience: audiences.length > 0 ? audiences : undefined,
        issuer: issuers.length > 0 ? issuers : undefined,
        requiredClaims: (literal(policy, 'require-expiration-time') ?? 'true') === 'true' ? ['exp'] : [],
      });
      if (!claimsSatisfied(policy, payload)) return fail();
      saveTokenVariable(policy, literal, ctx, payload);
      return undefined;
    } catch {
      // try the next candidate key; the token fails if none verifies it
    }
  }
  return fail();
}
