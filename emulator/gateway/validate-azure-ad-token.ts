import type { Element } from '@xmldom/xmldom';
import { importJWK, jwtVerify, type JWTPayload } from 'jose';
import { elementChildren } from '../apim/policy-xml';
import { headerValue, UnsupportedPolicyError, type GatewayContext, type GatewayResponse } from './gateway-context';
import type { OpenIdKeyCache, OpenIdKeys } from './openid-keys';
import { candidateKeys, failureAnswer, literalReader, rs256Header, saveTokenVariable } from './token-policy';
import { claimsSatisfied } from './validate-jwt';

// validate-azure-ad-token (learn.microsoft.com/azure/api-management/validate-azure-ad-token-policy): validates an
// Entra token for `tenant-id` (a tenant id or domain); the token comes from `header-name` (default Authorization,
// Bearer scheme), `query-parameter-name` or `token-value`. `<audiences>` and `<backend-application-ids>` list accepted
// `aud` values, `<client-application-ids>` the accepted callers (azp in v2 tokens, appid in v1: Entra's
// access-token-claims-reference), `<required-claims>` works as in validate-jwt. Entra issues both token versions for a
// tenant, so both issuers are accepted: https://sts.windows.net/{tid}/ (v1) and {authority}/{tid}/v2.0 (v2).
// The emulator resolves the tenant against its own Entra, which stands in for login.microsoftonline.com.

const KNOWN_CHILDREN = new Set(['client-application-ids', 'backend-application-ids', 'audiences', 'required-claims']);

const literal = literalReader('validate-azure-ad-token');

function listOf(policy: Element, container: string, item: string): string[] {
  return elementChildren(policy)
    .filter((e) => e.nodeName === container)
    .flatMap((c) => elementChildren(c).filter((e) => e.nodeName === item))
    .map((e) => {
      const text = (e.textContent ?? '').trim();
      if (text.startsWith('@')) throw new UnsupportedPolicyError(`validate-azure-ad-token: expressions in <${item}> are not supported.`);
      return text;
    });
}

function extractToken(policy: Element, ctx: GatewayContext): string | undefined {
  if (policy.getAttribute('token-value')) throw new UnsupportedPolicyError("validate-azure-ad-token: 'token-value' is not supported.");
  const queryName = literal(policy, 'query-parameter-name');
  if (queryName) return ctx.query.get(queryName) ?? undefined;
  const raw = headerValue(ctx, literal(policy, 'header-name') ?? 'Authorization');
  const match = raw ? /^Bearer\s+(\S+)\s*$/i.exec(raw.trim()) : null;
  return match?.[1];
}

/** `tenant-id` may be a GUID, a domain or a URL naming the tenant. */
function tenantSegment(tenant: string): string {
  return tenant.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
}

const failure = (policy: Element, fallback: string): GatewayResponse => failureAnswer(policy, literal)(fallback);

function callerOf(payload: JWTPayload): string | undefined {
  const caller = payload.azp ?? payload.appid;
  return typeof caller === 'string' ? caller : undefined;
}

/** Runs one `<validate-azure-ad-token>`; answers the failure response, or undefined when the token passes. */
export async function validateAzureAdToken(
  policy: Element,
  ctx: GatewayContext,
  keyCache: OpenIdKeyCache,
): Promise<GatewayResponse | undefined> {
  for (const element of elementChildren(policy)) {
    if (!KNOWN_CHILDREN.has(element.nodeName))
      throw new UnsupportedPolicyError(`validate-azure-ad-token: child element '${element.nodeName}' is not supported.`);
  }
  const tenant = literal(policy, 'tenant-id');
  if (!tenant?.trim()) throw new UnsupportedPolicyError("validate-azure-ad-token requires 'tenant-id'.");
  if (policy.getAttribute('authentication-endpoint'))
    throw new UnsupportedPolicyError("validate-azure-ad-token: 'authentication-endpoint' (other clouds) is not supported.");
  if (!ctx.entraAuthorityHost) throw new UnsupportedPolicyError('validate-azure-ad-token: no Entra authority is configured.');

  const token = extractToken(policy, ctx);
  if (!token) return failure(policy, 'JWT not present.');
  const header = rs256Header(token);
  if (!header) return failure(policy, 'Invalid JWT.');
  const { kid } = header;
  let found: OpenIdKeys;
  try {
    const authority = ctx.entraAuthorityHost.replace(/\/+$/, '');
    found = await keyCache.get(`${authority}/${tenantSegment(tenant)}/v2.0/.well-known/openid-configuration`, kid);
  } catch {
    // An unknown tenant has no discovery document: nothing it could have issued is valid.
    return failure(policy, 'Invalid JWT.');
  }
  const tid = found.issuer ? /\/([^/]+)\/v2\.0\/?$/.exec(found.issuer)?.[1] : undefined;
  if (!found.issuer || !tid) return failure(policy, 'Invalid JWT.');
  const audiences = [...listOf(policy, 'audiences', 'audience'), ...listOf(policy, 'backend-application-ids', 'application-id')];
  const clients = listOf(policy, 'client-application-ids', 'application-id');

  for (const jwk of candidateKeys(found.keys, kid)) {
    try {
      const key = await importJWK({ ...jwk, alg: 'RS256' }, 'RS256');
      const verified = await jwtVerify(token, key, {
        algorithms: ['RS256'],
        audience: audiences.length > 0 ? audiences : undefined,
        issuer: [found.issuer, `https://sts.windows.net/${tid}/`],
        requiredClaims: ['exp'],
      });
      const payload: JWTPayload = verified.payload;
      if (payload.tid !== tid) return failure(policy, 'Invalid JWT.');
      const caller = callerOf(payload);
      if (clients.length > 0 && (!caller || !clients.includes(caller))) return failure(policy, 'Invalid JWT.');
      if (!claimsSatisfied(policy, payload)) return failure(policy, 'Invalid JWT.');
      saveTokenVariable(policy, literal, ctx, payload);
      return undefined;
    } catch {
      // try the next key; the token fails if none verifies it
    }
  }
  return failure(policy, 'Invalid JWT.');
}
