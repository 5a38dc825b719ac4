import type { IncomingMessage, ServerResponse } from 'node:http';
import { tryReadBody } from '../http/try-read-body';
import type { ApimState } from '../apim/types';
import type { EmulatorUrls, SurfaceHandler } from '../context';
import { echoResponse } from './echo-backend';
import { answerPreflight } from './answer-preflight';
import { apimError, UnsupportedPolicyError, type GatewayContext, type GatewayResponse } from './gateway-context';
import { createOpenIdKeyCache, type OpenIdKeyCache } from './openid-keys';
import { effectiveSection, scopeDocuments } from './policy-chain';
import { runSteps } from './policy-runner';
import { matchRoute } from './route-match';
import { SendRequestError } from './send-request';
import { checkSubscriptionKey } from './subscription-key';

const MAX_BODY = 4 * 1024 * 1024;

function headerMap(req: IncomingMessage): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name.toLowerCase(), Array.isArray(value) ? value : [value]);
  }
  return headers;
}

async function handleRequest(
  req: IncomingMessage,
  state: ApimState,
  urls: EmulatorUrls,
  keys: OpenIdKeyCache,
  caPem: string,
): Promise<{ response: GatewayResponse; ctx?: GatewayContext }> {
  const url = new URL(req.url ?? '/', urls.gatewayUrl);
  const method = (req.method ?? 'GET').toUpperCase();
  const body = await tryReadBody(req, MAX_BODY);
  if (!body.ok)
    return {
      response: apimError(
        body.reason === 'too-large' ? 413 : 400,
        body.reason === 'too-large' ? 'Request entity too large' : 'Bad request',
      ),
    };

  const headers = headerMap(req);
  const ctx: GatewayContext = {
    method,
    headers,
    query: url.searchParams,
    variables: new Map(),
    ignoredPolicies: new Set(),
    entraAuthorityHost: urls.authorityHost,
    responseHeaders: new Map(),
    caPem,
  };
  const route = matchRoute(state, method, url.pathname, { query: url.searchParams, headers });
  if (!route) {
    const preflight = answerPreflight(state, url.pathname, ctx);
    return preflight ? { response: preflight, ctx } : { response: apimError(404, 'Resource not found') };
  }

  const key = checkSubscriptionKey(state, route.api, ctx.headers, ctx.query);
  if (!key.ok) return { response: key.response, ctx };

  try {
    const scopes = scopeDocuments(state, route.api.id, route.operation.id, key.productId);
    const answered = await runSteps(effectiveSection(scopes, 'inbound'), 'inbound', ctx, keys);
    if (answered) return { response: answered, ctx };
    const backend = effectiveSection(scopes, 'backend');
    await runSteps(backend, 'backend', ctx, keys);
    // Without forward-request the gateway never calls the backend and answers an empty 200.
    const response = backend.some((s) => s.element.nodeName === 'forward-request')
      ? echoResponse(ctx, route, body.text, {
          header: route.api.subscriptionKeyParameterNames.header,
          query: route.api.subscriptionKeyParameterNames.query,
        })
      : { status: 200, headers: {}, body: '' };
    const outbound = new Map(Object.entries(response.headers).map(([n, v]) => [n.toLowerCase(), [v]]));
    await runSteps(effectiveSection(scopes, 'outbound'), 'outbound', ctx, keys, outbound);
    response.headers = Object.fromEntries([...outbound].map(([n, v]) => [n, v.join(',')]));
    return { response, ctx };
  } catch (error) {
    if (error instanceof UnsupportedPolicyError) return { response: apimError(500, error.message), ctx };
    // A failed send-request without ignore-error fails the call; APIM then runs on-error, whose default answer is a 500.
    if (error instanceof SendRequestError) return { response: apimError(500, 'Internal server error'), ctx };
    throw error;
  }
}

/** The APIM gateway: routes to operations, enforces keys and the policy chain, and echoes the request. */
export function createGatewayHandler(deps: { state: ApimState; urls: EmulatorUrls; caPem: string }): SurfaceHandler {
  const keys = createOpenIdKeyCache(deps.caPem);
  return async (req: IncomingMessage, res: ServerResponse) => {
    let result: { response: GatewayResponse; ctx?: GatewayContext };
    try {
      result = await handleRequest(req, deps.state, deps.urls, keys, deps.caPem);
    } catch {
      result = { response: apimError(500, 'Internal server error') };
    }
    if (res.headersSent) return;
    const { response, ctx } = result;
    const headers: Record<string, string> = {
      ...response.headers,
      ...Object.fromEntries(ctx?.responseHeaders ?? []),
      'Content-Length': String(Buffer.byteLength(response.body)),
    };
    if (ctx && ctx.ignoredPolicies.size > 0) headers['x-emulator-ignored-policies'] = [...ctx.ignoredPolicies].join(',');
    res.writeHead(response.status, headers);
    res.end(req.method === 'HEAD' ? undefined : response.body);
  };
}
