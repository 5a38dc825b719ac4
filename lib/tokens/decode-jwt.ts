import 'server-only';

export type JwtHeader = Record<string, unknown> & { alg?: unknown; kid?: unknown; typ?: unknown };
export type JwtClaims = Record<string, unknown>;

export type DecodedJwt =
  | {
      ok: true;
      /** The token as read: whitespace and a leading `Bearer ` removed. */
      token: string;
      header: JwtHeader;
      claims: JwtClaims;
      /** `<header>.<payload>` exactly as received: the bytes the signature covers. */
      signingInput: string;
      /** The third segment, still base64url-encoded (empty for `alg: none`). */
      signature: string;
    }
  | { ok: false; error: string };

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Pasted tokens often arrive as a whole header value, quoted, or wrapped over several lines. */
export function normalizeTokenInput(input: string): string {
  let text = input.trim();
  if (/^authorization\s*:/i.test(text)) text = text.replace(/^authorization\s*:\s*/i, '');
  text = text.replace(/^bearer\s+/i, '');
  text = text.replace(/^["']|["']$/g, '');
  return text.replace(/\s+/g, '');
}

/** Reads a JWT without trusting it: nothing here checks the signature or any claim. */
export function decodeJwt(input: string): DecodedJwt {
  const token = normalizeTokenInput(input);
  if (token === '') return { ok: false, error: 'Nothing to read: paste an access token (the part after "Bearer ").' };

  const parts = token.split('.');
  if (parts.length === 5) {
    return {
      ok: false,
      error:
        'This is an encrypted token (JWE, five parts): only the application holding the decryption key can read it. ' +
        'Access tokens Entra issues for your own APIs are signed, not encrypted (three parts) — check that you copied the access token, not another token.',
    };
  }
  if (parts.length !== 3) {
    return {
      ok: false,
      error:
        `A JWT has three base64url parts separated by dots; this input has ${parts.length}. ` +
        'Check that the whole token was copied (access tokens are usually over 1,000 characters).',
    };
  }

  const [headerPart = '', payloadPart = '', signature = ''] = parts;
  const header = decodeJsonSegment(headerPart, 'header');
  if (!header.ok) return header;
  const claims = decodeJsonSegment(payloadPart, 'payload');
  if (!claims.ok) return claims;
  if (!BASE64URL.test(signature)) {
    return { ok: false, error: 'The signature (third part) contains characters that are not base64url.' };
  }
  return { ok: true, token, header: header.value, claims: claims.value, signingInput: `${headerPart}.${payloadPart}`, signature };
}

function decodeJsonSegment(
  segment: string,
  name: 'header' | 'payload',
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const position = name === 'header' ? 'first' : 'second';
  if (segment === '') return { ok: false, error: `The ${name} (${position} part) is empty.` };
  if (!BASE64URL.test(segment) || segment.length % 4 === 1) {
    return { ok: false, error: `The ${name} (${position} part) is not valid base64url.` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(segment, 'base64url'));
  } catch {
    return { ok: false, error: `The ${name} (${position} part) does not decode to UTF-8 text.` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: `The ${name} (${position} part) decodes, but not to JSON.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `The ${name} (${position} part) must be a JSON object.` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
