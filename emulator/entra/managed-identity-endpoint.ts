import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { DirectoryApplication } from '../directory/types';
import { sendJson } from '../http/respond';
import { EntraError } from './entra-errors';
import { mintAccessToken, type MintContext } from './mint-tokens';
import { resolveResource } from './resolve-resource';

// The local token endpoint App Service and Container Apps give an app with a managed identity
// (learn.microsoft.com/azure/app-service/overview-managed-identity, "REST endpoint reference"; Container Apps:
// learn.microsoft.com/azure/container-apps/managed-identity): GET $IDENTITY_ENDPOINT?resource=…&api-version=2019-08-01,
// the secret $IDENTITY_HEADER in `X-IDENTITY-HEADER`, and `client_id` (or `principal_id`) to pick a user-assigned identity.
// The answer carries `access_token`, `expires_on` (epoch seconds, as a string), `resource`, `token_type` and `client_id`.

export const MANAGED_IDENTITY_PATH = '/msi/token';

export interface ManagedIdentityHost {
  /** The secret the platform puts in IDENTITY_HEADER; requests without it are refused. */
  header: string;
  /** Client ids (appId of the identity's service principal) of the user-assigned identities attached to the host. */
  userAssigned: string[];
}

const fail = (res: ServerResponse, status: number, message: string) =>
  sendJson(res, status, { statusCode: status, message, correlationId: crypto.randomUUID() });

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function handleManagedIdentity(
  ctx: MintContext,
  host: ManagedIdentityHost,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  if (req.method !== 'GET') return fail(res, 405, 'Only GET is supported.');
  const secret = req.headers['x-identity-header'];
  if (typeof secret !== 'string' || !same(secret, host.header)) return fail(res, 401, 'The X-IDENTITY-HEADER header is missing or wrong.');
  if (url.searchParams.get('api-version') !== '2019-08-01') return fail(res, 400, 'api-version must be 2019-08-01.');
  const resource = url.searchParams.get('resource');
  if (!resource) return fail(res, 400, 'The resource parameter is required.');
  const dir = ctx.directory;
  const clientId = url.searchParams.get('client_id')?.toLowerCase();
  const principalId = url.searchParams.get('principal_id')?.toLowerCase();
  if (url.searchParams.has('mi_res_id')) return fail(res, 400, 'mi_res_id is not supported by the emulator; use client_id.');
  // The emulated host has no system-assigned identity: one of its user-assigned identities must be named.
  const sp = clientId ? dir.servicePrincipalByAppId(clientId) : principalId ? dir.servicePrincipals.get(principalId) : undefined;
  if (!sp || sp.servicePrincipalType !== 'ManagedIdentity' || !host.userAssigned.includes(sp.appId))
    return fail(
      res,
      400,
      'No managed identity with that client_id or principal_id is assigned to this host (and it has no system-assigned identity).',
    );
  let resolved;
  try {
    resolved = resolveResource(dir, `${resource.replace(/\/+$/, '')}/.default`, { defaultToGraph: false });
  } catch (error) {
    if (error instanceof EntraError) return fail(res, 400, error.message);
    throw error;
  }
  // A managed identity has a service principal but no app registration: the token names its client id.
  const client = { appId: sp.appId, identifierUris: [] } as unknown as DirectoryApplication;
  const token = await mintAccessToken(ctx, { resource: resolved, client });
  return sendJson(res, 200, {
    access_token: token,
    expires_on: String(Math.floor(Date.now() / 1000) + ctx.tokenLifetimeSeconds),
    resource,
    token_type: 'Bearer',
    client_id: sp.appId,
  });
}
