import 'server-only';
import type { Kysely } from 'kysely';
import { findUserSubscriptionKey, type UserSubscriptionKey } from '@/lib/azure/apim/user-subscription-key';
import { PermissionDeniedError } from '@/lib/azure/permission-denied';
import { readServiceSnapshot } from '@/lib/catalog/catalog-settings';
import type { Database } from '@/lib/db/types';
import { diagnoseForUser, type HeldRolesReader } from '@/lib/doctor/diagnose-for-user';
import { loadDoctorTarget } from '@/lib/doctor/doctor-context';
import { getConfig } from '@/lib/env';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { decodeJwt } from '@/lib/tokens/decode-jwt';
import { buildOperationUrl } from './build-operation-url';
import { rememberConsoleCall } from './console-secrets';
import type { ConsoleOutcome, SentHeader } from './console-types';
import type { ConsoleSendInput } from './console-schema';
import { allowedGatewayHosts, systemResolver, vetGatewayTarget, type Resolver } from './gateway-guard';
import { apiTokenForUser } from './api-token-for-user';
import { sendGatewayRequest } from './send-gateway-request';
import { versionRequestParts } from './version-request';

export interface ConsoleCallDeps {
  /** The user's token for Roleport, exchanged on their behalf (from the session in the app). */
  userAssertion: () => Promise<string>;
  resolve?: Resolver;
  readHeldRoles?: HeldRolesReader;
  findSubscriptionKey?: typeof findUserSubscriptionKey;
}

/** Who calls: the Entra object id, and the sign-in name APIM's developer portal stored as the APIM user's email. */
export interface ConsoleCaller {
  oid: string;
  upn: string;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
// The console sets these itself; a header parameter of the same name must not override them.
const RESERVED_HEADERS = new Set(['authorization', 'host', 'content-length', 'connection', 'transfer-encoding', 'cookie', 'te', 'upgrade']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Calls one operation through the APIM gateway as the signed-in user and explains a refusal. */
export async function runConsoleCall(
  database: Kysely<Database>,
  caller: ConsoleCaller,
  input: ConsoleSendInput,
  deps: ConsoleCallDeps,
): Promise<ConsoleOutcome> {
  const { oid } = caller;
  const target = await loadDoctorTarget(database, input.apiId, input.operationId);
  if (!target) throw new UserFacingError(`There is no API "${input.apiId}" in the catalog.`, 'not_found', 404);
  const { api, app, operation } = target;
  if (!operation) throw new UserFacingError(`${api.displayName} has no operation "${input.operationId}".`, 'not_found', 404);
  if (!METHODS.has(operation.method)) throw new UserFacingError(`The console cannot send ${operation.method} requests.`);

  const templateValues = Object.fromEntries(
    operation.parameters.filter((p) => p.in === 'template').map((p) => [p.name, input.template[p.name] ?? '']),
  );
  const query = operation.parameters.filter((p) => p.in === 'query').map((p) => [p.name, input.query[p.name] ?? ''] as const);
  const missing = operation.parameters.filter(
    (p) => p.required && p.in !== 'template' && !(p.in === 'query' ? input.query : input.headers)[p.name],
  );
  if (missing.length > 0)
    throw new UserFacingError(`Fill in the required parameter${missing.length > 1 ? 's' : ''} ${missing.map((p) => p.name).join(', ')}.`);
  const url = buildOperationUrl({ baseUrl: api.gatewayBaseUrl, urlTemplate: operation.urlTemplate, templateValues, query });
  const version = versionRequestParts(api.version);
  if (version.query) url.searchParams.set(...version.query);

  const snapshot = await readServiceSnapshot(database);
  const config = getConfig();
  const hosts = allowedGatewayHosts(snapshot?.gatewayUrl, config.extraGatewayHosts);
  const vetted = await vetGatewayTarget(url.toString(), hosts, deps.resolve ?? systemResolver, {
    privateNetworkHosts: config.privateGatewayHosts,
  });

  const notes: string[] = [];
  const headers: Record<string, string> = {};
  const shown: SentHeader[] = [];
  const setHeader = (header: SentHeader, real: string) => {
    headers[header.name] = real;
    shown.push(header);
  };
  for (const p of operation.parameters.filter((p) => p.in === 'header')) {
    const value = input.headers[p.name] ?? '';
    if (value === '' || RESERVED_HEADERS.has(p.name.toLowerCase())) continue;
    if (!HEADER_NAME.test(p.name) || /[\r\n\u0000]/.test(value))
      throw new UserFacingError(`The header ${p.name} has a value that cannot be sent.`);
    setHeader({ name: p.name, value }, value);
  }
  if (version.header) {
    const [name, value] = version.header;
    if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase()) || /[\r\n\u0000]/.test(value))
      throw new UserFacingError(
        `The API's version header ${name} cannot be sent; ask an admin to check its version set in API Management.`,
      );
    setHeader({ name, value }, value);
  }
  const sendsBody = !['GET', 'HEAD'].includes(operation.method) && input.body !== undefined && input.body !== '';
  if (sendsBody) {
    const contentType = input.contentType || operation.representations[0]?.contentType || 'application/json';
    if (/[\r\n\u0000]/.test(contentType)) throw new UserFacingError('The content type cannot be sent.');
    setHeader({ name: 'Content-Type', value: contentType }, contentType);
  }

  let token: string | undefined;
  if (app) {
    token = await apiTokenForUser(await deps.userAssertion(), app);
    setHeader({ name: 'Authorization', value: '', secret: 'token' }, `Bearer ${token}`);
  } else if (api.access.tokenValidation !== 'none') {
    notes.push('No Entra app registration is mapped to this API, so the console cannot get a token for it; the call is sent without one.');
  }
  let key: UserSubscriptionKey | null = null;
  if (api.subscriptionRequired) {
    let unreadable: string | null = null;
    key = await (deps.findSubscriptionKey ?? findUserSubscriptionKey)(
      { oid, email: caller.upn },
      api.id,
      api.products.map((p) => p.id),
    ).catch((error: unknown) => {
      // Without the listSecrets permission the call still goes out, without a key, and says why.
      if (!(error instanceof PermissionDeniedError)) throw error;
      unreadable = error.message;
      return null;
    });
    if (key) setHeader({ name: key.headerName, value: '', secret: 'subscription-key' }, key.key);
    else if (unreadable) notes.push(`${api.displayName} requires a subscription key, but ${unreadable} The call is sent without one.`);
    else
      notes.push(
        `${api.displayName} requires a subscription key and you have no active subscription covering it (products: ${api.products.map((p) => p.displayName).join(', ') || 'none'}); the call is sent without one.`,
      );
  }

  const response = await sendGatewayRequest(vetted, { method: operation.method, headers, body: sendsBody ? input.body : undefined });
  const callId = rememberConsoleCall(oid, { token, subscriptionKey: key?.key, apiId: api.id, operationId: operation.id });
  const decoded = token ? decodeJwt(token) : null;
  const outcome: ConsoleOutcome = {
    callId,
    request: { method: operation.method, url: vetted.url.toString(), headers: shown, ...(sendsBody ? { body: input.body } : {}) },
    response,
    tokenClaims: decoded?.ok ? decoded.claims : null,
    notes,
    ...(key ? { subscription: { id: key.subscriptionId, displayName: key.displayName } } : {}),
    requestAccess: [],
  };
  if (token && (response.status === 401 || response.status === 403)) {
    const explained = await diagnoseForUser(database, oid, token, { apiId: api.id, operationId: operation.id }, deps.readHeldRoles);
    outcome.diagnosis = explained.diagnosis;
    outcome.requestAccess = explained.requestAccess;
  }
  return outcome;
}
