import 'server-only';
import { importJWK, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { listKids, selectJwk } from './select-jwk';

export type KeyLookup =
  | { ok: true; key: CryptoKey; kid: string | undefined; jwksUri?: string }
  | {
      ok: false;
      /** `unavailable`: the keys could not be loaded at all, so nothing can be said about the signature. */
      reason: 'unknown-kid' | 'ambiguous-kid' | 'unusable-key' | 'unavailable';
      message: string;
      knownKids: string[];
      jwksUri?: string;
    };

/** Where the doctor gets an issuer's public keys; tests pass a local JWKS, the app an OpenID discovery source. */
export interface KeySource {
  getKey(kid: string | undefined, alg: string): Promise<KeyLookup>;
}

export interface SigningKeys {
  configUrl: string;
  /** The discovery document's `issuer` (Entra's /common document holds the literal `{tenantid}`). */
  issuer: string | undefined;
  jwksUri: string;
  jwks: JSONWebKeySet;
  fetchedAt: number;
}

export interface OpenIdKeySourceOptions {
  /** An issuer (`https://login.microsoftonline.com/{tid}/v2.0`) or a full `…/.well-known/openid-configuration` URL. */
  issuerOrConfigUrl: string;
  timeoutMs?: number;
  ttlMs?: number;
  /** An unknown `kid` re-reads keys older than this (validate-jwt does likewise, at most every 5 minutes), so a fresh rotation is not reported as a forgery. */
  refetchOnUnknownKidAfterMs?: number;
  fetchImpl?: typeof fetch;
  clock?: () => number;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_TTL_MS = 10 * 60_000;
const DEFAULT_REFETCH_MS = 30_000;
const cache = new Map<string, Promise<SigningKeys>>();

export function createJwksKeySource(jwks: JSONWebKeySet, jwksUri?: string): KeySource {
  const imported = new Map<string, Promise<CryptoKey | Uint8Array>>();
  return {
    async getKey(kid, alg) {
      const where = jwksUri === undefined ? {} : { jwksUri };
      const selected = selectJwk(jwks, kid, alg);
      if (!selected.ok) return { ok: false, reason: selected.reason, message: selected.message, knownKids: listKids(jwks), ...where };
      const cacheKey = `${alg}|${JSON.stringify(selected.jwk)}`;
      let pending = imported.get(cacheKey);
      if (!pending) {
        pending = importJWK(selected.jwk, alg);
        imported.set(cacheKey, pending);
      }
      try {
        const key = await pending;
        if (key instanceof Uint8Array) throw new TypeError('a symmetric key cannot verify a public-key signature');
        return { ok: true, key, kid: selected.jwk.kid ?? kid, ...where };
      } catch (cause) {
        imported.delete(cacheKey);
        const message = `The published key "${selected.jwk.kid ?? '(no kid)'}" could not be used: ${errorText(cause)}.`;
        return { ok: false, reason: 'unusable-key', message, knownKids: listKids(jwks), ...where };
      }
    },
  };
}

/** Keys from OpenID discovery: the configuration document, then its `jwks_uri`, both over HTTPS, cached per configuration URL. */
export function createOpenIdKeySource(options: OpenIdKeySourceOptions): KeySource {
  const configUrl = openIdConfigUrlFor(options.issuerOrConfigUrl);
  const refetchAfter = options.refetchOnUnknownKidAfterMs ?? DEFAULT_REFETCH_MS;
  const clock = options.clock ?? Date.now;
  return {
    async getKey(kid, alg) {
      let keys: SigningKeys;
      try {
        keys = await loadSigningKeys(configUrl, options);
        let lookup = await createJwksKeySource(keys.jwks, keys.jwksUri).getKey(kid, alg);
        if (!lookup.ok && lookup.reason === 'unknown-kid' && clock() - keys.fetchedAt > refetchAfter) {
          keys = await loadSigningKeys(configUrl, { ...options, forceRefresh: true });
          lookup = await createJwksKeySource(keys.jwks, keys.jwksUri).getKey(kid, alg);
        }
        return lookup;
      } catch (cause) {
        return {
          ok: false,
          reason: 'unavailable',
          message: `The issuer's signing keys could not be loaded: ${errorText(cause)}`,
          knownKids: [],
        };
      }
    },
  };
}

/** `https://host/{tid}/v2.0` → `https://host/{tid}/v2.0/.well-known/openid-configuration`; a discovery URL is kept as given. */
export function openIdConfigUrlFor(issuerOrConfigUrl: string): string {
  const url = requireHttps(issuerOrConfigUrl.trim(), 'issuer or OpenID configuration URL');
  if (url.pathname.endsWith('/.well-known/openid-configuration')) return url.toString();
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  return url.toString();
}

export function loadSigningKeys(
  configUrl: string,
  options: Omit<OpenIdKeySourceOptions, 'issuerOrConfigUrl'> & { forceRefresh?: boolean } = {},
): Promise<SigningKeys> {
  const clock = options.clock ?? Date.now;
  const ttl = options.ttlMs ?? DEFAULT_TTL_MS;
  const cached = cache.get(configUrl);
  if (cached && !options.forceRefresh) {
    return cached.then((keys) => (clock() - keys.fetchedAt <= ttl ? keys : loadSigningKeys(configUrl, { ...options, forceRefresh: true })));
  }
  const pending = fetchSigningKeys(configUrl, options.fetchImpl ?? fetch, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, clock);
  cache.set(configUrl, pending);
  // A failed load is not cached: the next lookup tries again.
  pending.catch(() => {
    if (cache.get(configUrl) === pending) cache.delete(configUrl);
  });
  return pending;
}

export function clearSigningKeyCache(): void {
  cache.clear();
}

async function fetchSigningKeys(configUrl: string, fetchImpl: typeof fetch, timeoutMs: number, clock: () => number): Promise<SigningKeys> {
  const config = await fetchJson(requireHttps(configUrl, 'OpenID configuration URL'), fetchImpl, timeoutMs);
  const jwksUriValue = config.jwks_uri;
  if (typeof jwksUriValue !== 'string') throw new Error(`${configUrl} has no "jwks_uri"; it is not an OpenID configuration document.`);
  const jwksUri = requireHttps(new URL(jwksUriValue, configUrl).toString(), 'jwks_uri');
  const body = await fetchJson(jwksUri, fetchImpl, timeoutMs);
  if (!Array.isArray(body.keys)) throw new Error(`${jwksUri} has no "keys" array; it is not a JSON Web Key Set.`);
  const keys = body.keys.filter((key): key is JWK => typeof key === 'object' && key !== null && typeof (key as JWK).kty === 'string');
  return {
    configUrl,
    issuer: typeof config.issuer === 'string' ? config.issuer : undefined,
    jwksUri: jwksUri.toString(),
    jwks: { keys },
    fetchedAt: clock(),
  };
}

async function fetchJson(url: URL, fetchImpl: typeof fetch, timeoutMs: number): Promise<Record<string, unknown>> {
  const response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`GET ${url.toString()} answered HTTP ${response.status}.`);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Error(`GET ${url.toString()} did not return a JSON object.`);
  return body as Record<string, unknown>;
}

function requireHttps(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`The ${what} "${value}" is not a URL.`);
  }
  if (url.protocol !== 'https:') throw new Error(`The ${what} must use https (got ${url.protocol}).`);
  return url;
}

function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
