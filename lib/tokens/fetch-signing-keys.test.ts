// Rule: signing keys come from the issuer's OpenID discovery (jwks_uri) over HTTPS, are cached, and are re-read when an unknown kid may mean a rotation.
import { beforeEach, describe, expect, it } from 'vitest';
import type { JSONWebKeySet } from 'jose';
import { clearSigningKeyCache, createOpenIdKeySource, openIdConfigUrlFor } from './fetch-signing-keys';
import { createTestIssuer } from '@/test/harness/test-tokens';

const TID = '88888888-8888-8888-8888-888888888888';
const AUTHORITY = 'https://localhost:8443';
const CONFIG_URL = `${AUTHORITY}/${TID}/v2.0/.well-known/openid-configuration`;
const JWKS_URI = `${AUTHORITY}/${TID}/discovery/v2.0/keys`;

/** Serves an Entra-shaped discovery document and a JWKS that the test can swap (a key rotation). */
function entraLikeServer(initial: JSONWebKeySet, overrides: { status?: number; jwksUri?: string } = {}) {
  const state = { jwks: initial, requests: [] as string[] };
  const fetchImpl = (async (input: URL | RequestInfo) => {
    const url = input.toString();
    state.requests.push(url);
    if (overrides.status) return new Response('{}', { status: overrides.status });
    if (url === CONFIG_URL) {
      return Response.json({
        token_endpoint: `${AUTHORITY}/${TID}/oauth2/v2.0/token`,
        jwks_uri: overrides.jwksUri ?? JWKS_URI,
        issuer: `${AUTHORITY}/${TID}/v2.0`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (url === JWKS_URI) return Response.json(state.jwks);
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
  return { state, fetchImpl };
}

beforeEach(() => clearSigningKeyCache());

describe('openIdConfigUrlFor', () => {
  it('derives the discovery URL from v2.0 and v1.0 issuers and keeps a discovery URL as given', () => {
    expect(openIdConfigUrlFor(`${AUTHORITY}/${TID}/v2.0`)).toBe(CONFIG_URL);
    expect(openIdConfigUrlFor(`https://sts.windows.net/${TID}/`)).toBe(`https://sts.windows.net/${TID}/.well-known/openid-configuration`);
    expect(openIdConfigUrlFor(`${CONFIG_URL}?appid=abc`)).toBe(`${CONFIG_URL}?appid=abc`);
  });

  it('refuses plain http', () => {
    expect(() => openIdConfigUrlFor(`http://localhost:8443/${TID}/v2.0`)).toThrow('must use https');
  });
});

describe('createOpenIdKeySource', () => {
  it('follows jwks_uri and caches the keys across sources for the same issuer', async () => {
    const issuer = await createTestIssuer({ tenantId: TID, authority: AUTHORITY, kid: 'k1' });
    const server = entraLikeServer(issuer.jwks);
    const first = await createOpenIdKeySource({ issuerOrConfigUrl: `${AUTHORITY}/${TID}/v2.0`, fetchImpl: server.fetchImpl }).getKey(
      'k1',
      'RS256',
    );
    const second = await createOpenIdKeySource({ issuerOrConfigUrl: CONFIG_URL, fetchImpl: server.fetchImpl }).getKey('k1', 'RS256');
    expect(first).toMatchObject({ ok: true, kid: 'k1', jwksUri: JWKS_URI });
    expect(second.ok).toBe(true);
    expect(server.state.requests).toEqual([CONFIG_URL, JWKS_URI]);
  });

  it('re-reads the keys on an unknown kid once the cached copy is old enough, finding a rotated key', async () => {
    const before = await createTestIssuer({ tenantId: TID, authority: AUTHORITY, kid: 'old' });
    const after = await createTestIssuer({ tenantId: TID, authority: AUTHORITY, kid: 'new' });
    const server = entraLikeServer(before.jwks);
    let now = 1_000_000;
    const source = createOpenIdKeySource({
      issuerOrConfigUrl: CONFIG_URL,
      fetchImpl: server.fetchImpl,
      clock: () => now,
      refetchOnUnknownKidAfterMs: 30_000,
    });
    expect((await source.getKey('old', 'RS256')).ok).toBe(true);
    server.state.jwks = after.jwks;

    now += 10_000;
    const tooSoon = await source.getKey('new', 'RS256');
    expect(tooSoon).toMatchObject({ ok: false, reason: 'unknown-kid', knownKids: ['old'] });
    expect(server.state.requests).toHaveLength(2);

    now += 30_000;
    expect(await source.getKey('new', 'RS256')).toMatchObject({ ok: true, kid: 'new' });
    expect(server.state.requests).toHaveLength(4);
  });

  it('re-reads the keys after the TTL', async () => {
    const issuer = await createTestIssuer({ tenantId: TID, authority: AUTHORITY, kid: 'k1' });
    const server = entraLikeServer(issuer.jwks);
    let now = 0;
    const source = createOpenIdKeySource({ issuerOrConfigUrl: CONFIG_URL, fetchImpl: server.fetchImpl, clock: () => now, ttlMs: 60_000 });
    await source.getKey('k1', 'RS256');
    now = 59_000;
    await source.getKey('k1', 'RS256');
    expect(server.state.requests).toHaveLength(2);
    now = 61_000;
    await source.getKey('k1', 'RS256');
    expect(server.state.requests).toHaveLength(4);
  });

  it('reports unreachable keys as unavailable and does not cache the failure', async () => {
    const failing = entraLikeServer({ keys: [] }, { status: 503 });
    const source = createOpenIdKeySource({ issuerOrConfigUrl: CONFIG_URL, fetchImpl: failing.fetchImpl });
    const lookup = await source.getKey('k1', 'RS256');
    expect(lookup).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(!lookup.ok && lookup.message).toContain('answered HTTP 503');
    await source.getKey('k1', 'RS256');
    expect(failing.state.requests).toEqual([CONFIG_URL, CONFIG_URL]);
  });

  it('refuses a jwks_uri that is not https', async () => {
    const server = entraLikeServer({ keys: [] }, { jwksUri: `http://localhost:8443/${TID}/discovery/v2.0/keys` });
    const lookup = await createOpenIdKeySource({ issuerOrConfigUrl: CONFIG_URL, fetchImpl: server.fetchImpl }).getKey('k1', 'RS256');
    expect(!lookup.ok && lookup.message).toContain('jwks_uri must use https');
  });

  it('does not verify with a key of the wrong type for the algorithm', async () => {
    const issuer = await createTestIssuer({ tenantId: TID, authority: AUTHORITY, kid: 'k1' });
    const server = entraLikeServer(issuer.jwks);
    const lookup = await createOpenIdKeySource({ issuerOrConfigUrl: CONFIG_URL, fetchImpl: server.fetchImpl }).getKey('k1', 'ES256');
    expect(lookup).toMatchObject({ ok: false, reason: 'unusable-key' });
  });
});
