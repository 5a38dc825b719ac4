import type { GatewayContext, GatewayResponse } from './gateway-context';
import type { RouteMatch } from './route-match';

/** Headers a backend never sees: the caller's credentials and the gateway's subscription key. */
function forwardedHeaders(ctx: GatewayContext, keyHeader: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of ctx.headers) {
    if (name === 'authorization' || name === keyHeader.toLowerCase()) continue;
    out[name] = values.join(',');
  }
  return out;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return null;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The built-in backend every API forwards to: it answers with what it received. */
export function echoResponse(
  ctx: GatewayContext,
  route: RouteMatch,
  body: string,
  keyNames: { header: string; query: string },
): GatewayResponse {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(ctx.query.keys())) {
    if (name === keyNames.query) continue;
    const values = ctx.query.getAll(name);
    query[name] = values.length === 1 ? (values[0] as string) : values;
  }
  const echo = {
    method: ctx.method,
    path: route.backendPath,
    query,
    headers: forwardedHeaders(ctx, keyNames.header),
    body: parseBody(body, ctx.headers.get('content-type')?.[0]),
    operationId: route.operation.id,
    apiId: route.api.id,
    templateParameters: route.templateValues,
  };
  return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(echo) };
}
