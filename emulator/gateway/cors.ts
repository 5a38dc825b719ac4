// The `cors` policy (learn.microsoft.com/azure/api-management/cors-policy): origins, methods, headers,
// exposed headers, allow-credentials and terminate-unmatched-request, with the defaults the reference gives
// (methods GET and POST when <allowed-methods> is absent; terminate-unmatched-request true).
import type { Element } from '@xmldom/xmldom';
import { elementChildren } from '../apim/policy-xml';
import { headerValue, UnsupportedPolicyError, type GatewayContext, type GatewayResponse } from './gateway-context';

interface CorsSettings {
  origins: string[];
  methods: string[];
  headers: string[];
  expose: string[];
  maxAge: number;
  credentials: boolean;
  terminate: boolean;
}

function listOf(element: Element, container: string, item: string): string[] | undefined {
  const box = elementChildren(element).find((e) => e.nodeName === container);
  if (!box) return undefined;
  return elementChildren(box)
    .filter((e) => e.nodeName === item)
    .map((e) => {
      const text = (e.textContent ?? '').trim();
      if (text.startsWith('@')) throw new UnsupportedPolicyError(`cors: policy expressions in <${item}> are not supported.`);
      return text;
    });
}

function settingsOf(element: Element): CorsSettings {
  const flag = (name: string, fallback: boolean) => (element.getAttribute(name) ?? String(fallback)).trim().toLowerCase() === 'true';
  const origins = listOf(element, 'allowed-origins', 'origin');
  if (!origins || origins.length === 0) throw new UnsupportedPolicyError('cors: <allowed-origins> with at least one <origin> is required.');
  const credentials = flag('allow-credentials', false);
  // The reference: allow-credentials cannot be combined with the wildcard origin.
  if (credentials && origins.includes('*'))
    throw new UnsupportedPolicyError("cors: allow-credentials='true' cannot be used with origin '*'.");
  const methodsBox = elementChildren(element).find((e) => e.nodeName === 'allowed-methods');
  return {
    origins,
    methods: (listOf(element, 'allowed-methods', 'method') ?? ['GET', 'POST']).map((m) => m.toUpperCase()),
    headers: (listOf(element, 'allowed-headers', 'header') ?? []).map((h) => h.toLowerCase()),
    expose: listOf(element, 'expose-headers', 'header') ?? [],
    maxAge: Number(methodsBox?.getAttribute('preflight-result-max-age') ?? '0') || 0,
    credentials,
    terminate: flag('terminate-unmatched-request', true),
  };
}

const originMatches = (s: CorsSettings, origin: string) =>
  s.origins.includes('*') || s.origins.some((o) => o.toLowerCase() === origin.toLowerCase());

function allowOrigin(s: CorsSettings, origin: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': s.origins.includes('*') && !s.credentials ? '*' : origin,
  };
  if (s.credentials) headers['Access-Control-Allow-Credentials'] = 'true';
  return headers;
}

export function isPreflight(ctx: GatewayContext): boolean {
  return ctx.method === 'OPTIONS' && !!headerValue(ctx, 'origin') && !!headerValue(ctx, 'access-control-request-method');
}

/**
 * Runs a cors statement. A preflight is answered here (200, with the Access-Control-* headers when it matches);
 * a simple cross-origin GET/HEAD that does not match ends with an empty 200 when terminate-unmatched-request is
 * true; a matching cross-origin request continues and its response carries the headers.
 */
export function runCors(element: Element, ctx: GatewayContext): GatewayResponse | undefined {
  const s = settingsOf(element);
  const origin = headerValue(ctx, 'origin');
  if (!origin) return undefined;
  const empty: GatewayResponse = { status: 200, headers: {}, body: '' };
  if (isPreflight(ctx)) {
    const method = (headerValue(ctx, 'access-control-request-method') ?? '').toUpperCase();
    const requested = (headerValue(ctx, 'access-control-request-headers') ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    const ok =
      originMatches(s, origin) &&
      (s.methods.includes('*') || s.methods.includes(method)) &&
      requested.every((h) => s.headers.includes('*') || s.headers.includes(h));
    if (!ok) return empty;
    const headers = allowOrigin(s, origin);
    headers['Access-Control-Allow-Methods'] = s.methods.includes('*') ? method : s.methods.join(',');
    if (requested.length > 0) headers['Access-Control-Allow-Headers'] = requested.join(',');
    if (s.maxAge > 0) headers['Access-Control-Max-Age'] = String(s.maxAge);
    return { ...empty, headers };
  }
  if (!originMatches(s, origin)) return s.terminate && (ctx.method === 'GET' || ctx.method === 'HEAD') ? empty : undefined;
  for (const [name, value] of Object.entries(allowOrigin(s, origin))) ctx.responseHeaders.set(name, value);
  if (s.expose.length > 0) ctx.responseHeaders.set('Access-Control-Expose-Headers', s.expose.join(','));
  return undefined;
}
