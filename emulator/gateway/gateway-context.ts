/** A validated JWT as policy expressions see it: each claim as a list of strings. */
export interface JwtVariable {
  kind: 'jwt';
  claims: Record<string, string[]>;
}

/** What send-request stores under its response-variable-name (an `IResponse` to expressions). */
export interface ResponseVariable {
  kind: 'response';
  statusCode: number;
  body: string;
}

/** `null` is what send-request with ignore-error="true" stores when the request failed. */
export type VariableValue = string | boolean | number | JwtVariable | ResponseVariable | null;

/** What the policies of one request read and change on the way in. */
export interface GatewayContext {
  method: string;
  /** Header names lower-cased; repeated headers keep every value. */
  headers: Map<string, string[]>;
  query: URLSearchParams;
  variables: Map<string, VariableValue>;
  /** Policies accepted but not enforced here; reported to the caller in a response header. */
  ignoredPolicies: Set<string>;
  /** The Entra authority validate-azure-ad-token resolves tenants against (the emulator's own). */
  entraAuthorityHost?: string;
  /** Headers a policy adds to whatever response the call ends with (the cors policy's Access-Control-*). */
  responseHeaders: Map<string, string>;
  /** The emulator's CA, trusted by send-request like the openid-config fetch. */
  caPem: string;
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A policy or expression the emulated gateway does not implement: the request fails with 500 naming it. */
export class UnsupportedPolicyError extends Error {}

/** APIM's own error body shape, e.g. `{"statusCode":401,"message":"Invalid JWT."}`. */
export function apimError(status: number, message: string, headers: Record<string, string> = {}): GatewayResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify({ statusCode: status, message }),
  };
}

export function headerValue(ctx: GatewayContext, name: string): string | undefined {
  const values = ctx.headers.get(name.toLowerCase());
  return values && values.length > 0 ? values.join(',') : undefined;
}
