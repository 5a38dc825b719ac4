import { request } from 'node:https';
import type { JWK } from 'jose';

const CONFIG_TTL_MS = 60 * 60 * 1000; // APIM caches openid-config for an hour
const UNKNOWN_KID_REFRESH_MS = 10 * 1000; // APIM refetches on an unknown kid at most every few minutes
const MAX_DOCUMENT = 1024 * 1024;

export interface OpenIdKeys {
  issuer: string | undefined;
  keys: JWK[];
}

interface CacheEntry {
  issuer: string | undefined;
  jwksUri: string;
  keys: JWK[];
  configFetchedAt: number;
  keysFetchedAt: number;
}

/** Fetches a JSON document over HTTPS, trusting the emulator's CA. */
function fetchJson(url: string, caPem: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== 'https:') {
      reject(new Error(`openid-config url must use https: ${url}`));
      return;
    }
    const req = request(
      target,
      { method: 'GET', ca: caPem || undefined, timeout: 5000, headers: { Accept: 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_DOCUMENT) req.destroy(new Error(`document at ${url} is too large`));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 400) return reject(new Error(`GET ${url} answered ${res.statusCode}`));
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new Error(`GET ${url} did not return JSON`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** Caches openid-config documents and their JWKS per URL, like the gateway's metadata cache. */
export function createOpenIdKeyCache(caPem: string) {
  const cache = new Map<string, CacheEntry>();

  async function loadKeys(jwksUri: string): Promise<JWK[]> {
    const jwks = (await fetchJson(jwksUri, caPem)) as { keys?: unknown };
    return Array.isArray(jwks.keys) ? (jwks.keys as JWK[]) : [];
  }

  async function loadConfig(url: string): Promise<CacheEntry> {
    const config = (await fetchJson(url, caPem)) as { issuer?: unknown; jwks_uri?: unknown };
    if (typeof config.jwks_uri !== 'string') throw new Error(`openid-config at ${url} has no jwks_uri`);
    const now = Date.now();
    const entry = {
      issuer: typeof config.issuer === 'string' ? config.issuer : undefined,
      jwksUri: config.jwks_uri,
      keys: await loadKeys(config.jwks_uri),
      configFetchedAt: now,
      keysFetchedAt: now,
    };
    cache.set(url, entry);
    return entry;
  }

  return {
    /** Keys for a discovery URL; when `kid` is unknown the key set is refetched (rate-limited). */
    async get(url: string, kid: string | undefined): Promise<OpenIdKeys> {
      let entry = cache.get(url);
      if (!entry || Date.now() - entry.configFetchedAt > CONFIG_TTL_MS) entry = await loadConfig(url);
      const known = kid === undefined || entry.keys.some((k) => k.kid === kid);
      if (!known && Date.now() - entry.keysFetchedAt > UNKNOWN_KID_REFRESH_MS) {
        entry.keys = await loadKeys(entry.jwksUri);
        entry.keysFetchedAt = Date.now();
      }
      return { issuer: entry.issuer, keys: entry.keys };
    },
  };
}

export type OpenIdKeyCache = ReturnType<typeof createOpenIdKeyCache>;
