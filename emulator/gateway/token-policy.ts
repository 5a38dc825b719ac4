import type { Element } from '@xmldom/xmldom';
import { decodeProtectedHeader, type JWTPayload } from 'jose';
import { apimError, UnsupportedPolicyError, type GatewayContext, type GatewayResponse, type JwtVariable } from './gateway-context';

// What validate-jwt and validate-azure-ad-token share (learn.microsoft.com/azure/api-management/validate-jwt-policy,
// validate-azure-ad-token-policy): the failed-validation-httpcode and -error-message attributes, RS256 tokens only, and
// output-token-variable-name holding the verified token for later policy expressions.

export type LiteralReader = (element: Element, attribute: string) => string | null;

/** Reads attributes of `policyName` as literals: APIM allows expressions in them, the emulator refuses them. */
export function literalReader(policyName: string): LiteralReader {
  return (element, attribute) => {
    const value = element.getAttribute(attribute);
    if (value && value.trim().startsWith('@'))
      throw new UnsupportedPolicyError(`${policyName}: expressions in '${attribute}' are not supported.`);
    return value;
  };
}

/**
 * The answer to a token that fails: failed-validation-httpcode (401 unless a valid status), read when this is called,
 * and failed-validation-error-message or the policy's own message, read when the token fails.
 */
export function failureAnswer(policy: Element, literal: LiteralReader): (fallback: string) => GatewayResponse {
  const code = Number(literal(policy, 'failed-validation-httpcode') ?? '401');
  return (fallback) =>
    apimError(
      Number.isInteger(code) && code >= 100 && code <= 599 ? code : 401,
      literal(policy, 'failed-validation-error-message') ?? fallback,
    );
}

/** The header of an RS256 JWT (`kid` may be absent), or null for anything else: the emulated policies verify RS256 only. */
export function rs256Header(token: string): { kid: string | undefined } | null {
  try {
    const header = decodeProtectedHeader(token);
    return header.alg === 'RS256' ? { kid: header.kid } : null;
  } catch {
    return null;
  }
}

/** Keys that may have signed a token with this `kid`: those with the same kid, and any key without one. */
export function candidateKeys<K extends { kid?: string }>(keys: K[], kid: string | undefined): K[] {
  return keys.filter((k) => kid === undefined || k.kid === undefined || k.kid === kid);
}

/** Keeps the verified claims under output-token-variable-name, when the policy names one. */
export function saveTokenVariable(policy: Element, literal: LiteralReader, ctx: GatewayContext, payload: JWTPayload): void {
  const variable = literal(policy, 'output-token-variable-name');
  if (variable) ctx.variables.set(variable, { kind: 'jwt', claims: claimLists(payload) } satisfies JwtVariable);
}

/** Claims as policy expressions see them: every value a string, arrays kept as lists. */
function claimLists(payload: JWTPayload): Record<string, string[]> {
  const claims: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(payload)) {
    claims[name] = Array.isArray(value) ? value.map(String) : [typeof value === 'object' ? JSON.stringify(value) : String(value)];
  }
  return claims;
}
