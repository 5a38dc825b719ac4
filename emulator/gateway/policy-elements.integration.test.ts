// Rule: cors, send-request, set-header/set-variable with expressions and rate-limit-by-key behave as the policy reference says, or are passed through and reported, never failing a call the real gateway would serve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RG, startArmFixture, SVC, type ArmFixture } from '@/test/harness/arm-fixture';
import { ORDERS_APP } from '../seed/demo-tenant';
import { callGateway, userToken } from '@/test/harness/gateway-calls';

let fx: ArmFixture;
let token = '';
beforeAll(async () => {
  fx = await startArmFixture();
  token = await userToken(fx.emulator.urls.authorityHost, 'ben', ORDERS_APP.identifierUri);
});
afterAll(async () => {
  await fx?.stop();
});

const TAIL = '<backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error>';
// On the get-version operation only, so a send-request to another Status operation does not call itself.
const putStatus = (inbound: string) =>
  fx.client.apiOperationPolicy.createOrUpdate(RG, SVC, 'status', 'get-version', 'policy', {
    value: `<policies><inbound><base />${inbound}</inbound>${TAIL}</policies>`,
    format: 'rawxml',
  });
const gateway = () => fx.emulator.urls.gatewayUrl;
const echoHeaders = (reply: { json: Record<string, unknown> }) => reply.json.headers as Record<string, string>;

describe('the seeded Orders API policy', () => {
  it('answers a matching CORS preflight with the allowed origin, methods and headers, and nothing else for an unknown origin', async () => {
    const preflight = (origin: string, headers = 'authorization') =>
      fetch(`${gateway()}/orders/orders/ord-1`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': headers },
      });
    const ok = await preflight('https://shop.contoso.com');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.contoso.com');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,PATCH,DELETE');
    expect(ok.headers.get('access-control-max-age')).toBe('300');
    for (const refused of [await preflight('https://evil.example'), await preflight('https://shop.contoso.com', 'x-unlisted')]) {
      expect(refused.status).toBe(200);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
    // No cors policy on the Status API: the preflight matches no operation.
    expect(
      (
        await fetch(`${gateway()}/status/health`, {
          method: 'OPTIONS',
          headers: { Origin: 'https://a.b', 'Access-Control-Request-Method': 'GET' },
        })
      ).status,
    ).toBe(404);
  });

  it('adds CORS headers to a matching cross-origin call and ends an unmatched simple one with an empty 200', async () => {
    const matching = await callGateway(gateway(), 'GET', '/orders/orders/ord-1', {
      token,
      headers: { Origin: 'https://shop.contoso.com' },
    });
    expect(matching.status).toBe(200);
    expect(matching.headers.get('access-control-allow-origin')).toBe('https://shop.contoso.com');
    expect(matching.headers.get('access-control-expose-headers')).toBe('X-Correlation-Id');
    const unmatched = await callGateway(gateway(), 'GET', '/orders/orders/ord-1', { token, headers: { Origin: 'https://evil.example' } });
    expect(unmatched.status).toBe(200);
    expect(unmatched.json).toEqual({});
  });

  it('evaluates set-header expressions it can, and reports the ones it passes through', async () => {
    const reply = await callGateway(gateway(), 'GET', '/orders/orders/ord-1', { token });
    expect(reply.status).toBe(200);
    expect(echoHeaders(reply)['x-env']).toBe('test');
    // exists-action="skip" keeps the caller's own value.
    expect(
      echoHeaders(await callGateway(gateway(), 'GET', '/orders/orders/ord-1', { token, headers: { 'X-Env': 'staging' } }))['x-env'],
    ).toBe('staging');
    expect(echoHeaders(reply)['x-correlation-id']).toBeUndefined();
    expect(reply.headers.get('x-emulator-ignored-policies')?.split(',').sort()).toEqual([
      'rate-limit-by-key',
      'set-header',
      'set-variable',
    ]);
  });

  it('returns the CDATA body of a return-response chosen by an && condition', async () => {
    const reply = await callGateway(gateway(), 'GET', '/orders/orders/ord-1', { token, headers: { 'X-Env': 'blocked' } });
    expect(reply.status).toBe(451);
    expect(reply.json).toEqual({ statusCode: 451, message: 'Orders are unavailable in this environment & region <see runbook>.' });
  });
});

describe('send-request', () => {
  const call = () => callGateway(gateway(), 'GET', '/status/version');
  const health = (ignoreError: boolean, url: string) =>
    `<send-request mode="new" response-variable-name="h" timeout="5" ignore-error="${ignoreError}"><set-url>${url}</set-url><set-method>GET</set-method></send-request>` +
    '<choose><when condition="@(context.Variables.GetValueOrDefault<IResponse>("h")?.StatusCode != 200)"><return-response><set-status code="503" reason="Down" /></return-response></when></choose>';

  it('calls the URL and stores the response for later conditions', async () => {
    await putStatus(health(false, `${gateway()}/status/health`));
    expect((await call()).status).toBe(200);
    await putStatus(health(false, `${gateway()}/status/nowhere`));
    expect((await call()).status).toBe(503);
  });

  it('fails the call when the request fails, unless ignore-error is true (then the variable is null)', async () => {
    const dead = 'https://127.0.0.1:9/unreachable';
    await putStatus(health(false, dead));
    expect((await call()).status).toBe(500);
    await putStatus(health(true, dead));
    expect((await call()).status).toBe(503);
  });
});
