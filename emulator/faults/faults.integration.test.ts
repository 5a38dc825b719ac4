// Rule: injected latency, ARM throttling and scripted faults behave like Azure's failures, and the control endpoint drives them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestStats } from '../control/request-stats';
import { createSurfaceServer } from '../http/surface-server';
import { sendJson } from '../http/respond';
import { ensureCertificates } from '../tls/ensure-certificates';
import { startEmulator, type RunningEmulator } from '../start';
import { FaultState } from './fault-state';
import { PORTAL_APP, TENANT_ID } from '../seed/demo-tenant';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ ports: { entra: 0, graph: 0 }, surfaces: ['entra', 'graph'] });
});
afterAll(() => emu?.stop());

const control = (path: string, init: RequestInit = {}) =>
  fetch(`${emu.urls.authorityHost}/_emulator/${path}`, { ...init, headers: { 'content-type': 'application/json' } }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as Record<string, unknown>,
  }));

describe('scripted faults', () => {
  it('answers 429 and 503 in the surface error shape, then recovers', async () => {
    await control('faults', {
      method: 'POST',
      body: JSON.stringify({
        script: [
          { surface: 'graph', kind: '429', times: 1, retryAfterSeconds: 2 },
          { surface: 'entra', method: 'POST', pathContains: '/token', kind: '503', times: 1 },
        ],
      }),
    });
    const throttled = await fetch(`${emu.urls.graphEndpoint}/v1.0/users`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    expect((await fetch(`${emu.urls.graphEndpoint}/v1.0/users`)).status).toBe(401);

    const tokenUrl = `${emu.urls.authorityHost}/${TENANT_ID}/oauth2/v2.0/token`;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: PORTAL_APP.appId,
      client_secret: PORTAL_APP.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    const unavailable = await fetch(tokenUrl, { method: 'POST', body: form });
    expect(unavailable.status).toBe(503);
    expect(((await unavailable.json()) as { error: string }).error).toBe('temporarily_unavailable');
    expect((await fetch(tokenUrl, { method: 'POST', body: form })).status).toBe(200);
  });

  it('drops the connection or never answers', async () => {
    await control('faults', {
      method: 'POST',
      body: JSON.stringify({
        script: [
          { surface: 'graph', kind: 'drop', times: 1 },
          { surface: 'graph', kind: 'timeout', times: 1 },
        ],
      }),
    });
    await expect(fetch(`${emu.urls.graphEndpoint}/v1.0/users`)).rejects.toThrow();
    await expect(fetch(`${emu.urls.graphEndpoint}/v1.0/users`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await fetch(`${emu.urls.graphEndpoint}/v1.0/users`)).status).toBe(401);
  });

  it('validates fault bodies, clears them, and counts requests per route', async () => {
    expect(
      (await control('faults', { method: 'POST', body: JSON.stringify({ script: [{ surface: 'mars', kind: '429', times: 1 }] }) })).status,
    ).toBe(400);
    await control('faults', {
      method: 'POST',
      body: JSON.stringify({ script: [{ surface: 'graph', kind: '500', times: 5 }], latencyMs: { graph: 5 } }),
    });
    await control('faults', { method: 'DELETE' });
    expect((await control('faults')).body).toEqual({ latencyMs: {}, armThrottle: null, script: [] });
    await control('stats/reset', { method: 'POST' });
    await fetch(`${emu.urls.graphEndpoint}/v1.0/servicePrincipals/${PORTAL_APP.servicePrincipalId}`);
    await fetch(`${emu.urls.graphEndpoint}/v1.0/servicePrincipals/${PORTAL_APP.servicePrincipalId}`);
    const stats = (await control('stats')).body as { surfaces: Record<string, { total: number; routes: Record<string, number> }> };
    expect(stats.surfaces.graph).toEqual({ total: 2, routes: { 'GET /v1.0/servicePrincipals/{id}': 2 } });
    expect(stats.surfaces.entra).toBeUndefined();
  });
});

describe('ARM read throttling', () => {
  const certs = ensureCertificates();
  const faults = new FaultState({ armThrottle: { burst: 2, refillPerSecond: 0.5 } });
  const arm = createSurfaceServer({ surface: 'arm', certPem: certs.certPem, keyPem: certs.keyPem, faults, stats: new RequestStats() });
  arm.setHandler(async (_req, res) => sendJson(res, 200, { ok: true }));
  let origin = '';
  beforeAll(async () => {
    origin = `https://localhost:${await arm.listen(0, 'localhost')}`;
  });
  afterAll(() => arm.close());

  it('spends a token bucket on reads only and answers ARM 429s with Retry-After', async () => {
    const first = await fetch(`${origin}/subscriptions/x/resourceGroups`);
    expect(first.headers.get('x-ms-ratelimit-remaining-subscription-reads')).toBe('1');
    await fetch(`${origin}/subscriptions/x/resourceGroups`);
    const throttled = await fetch(`${origin}/subscriptions/x/resourceGroups`);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    expect((await fetch(`${origin}/subscriptions/x/resourceGroups`, { method: 'PUT' })).status).toBe(200);
  });
});
