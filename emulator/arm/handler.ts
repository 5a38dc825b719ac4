import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApimState } from '../apim/types';
import type { EmulatorUrls, SurfaceHandler, TokenVerifier } from '../context';
import { CLOUDS, type EmulatedCloud } from '../directory/clouds';
import { authenticate, checkApiVersion } from './arm-auth';
import type { ArmRequest, ArmResult } from './arm-request';
import { ArmError, sendArmError, sendJson } from './arm-response';
import { handleApiWrites } from './routes-api-writes';
import { handleCatalog } from './routes-catalog';
import { handleNamedValues } from './routes-named-values';
import { handlePolicies } from './routes-policies';
import { handlePolicyFragments } from './routes-policy-fragments';
import { handleSubscriptions } from './routes-subscriptions';
import type { RbacState, RoleDefinition } from './rbac';
import { handleAuthorization, isAuthorizationPath } from './routes-authorization';
import type { Directory } from '../directory/directory';
import { handleVersionSets } from './routes-version-sets';
import { isEventSubscriptionPath, type EventSubscriptionsRoute } from './routes-event-subscriptions';

const PREFIX = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.apimanagement\/service\/([^/]+)(\/.*)?$/i;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ArmError(400, 'InvalidRequestUri', `The path segment '${segment}' is not validly encoded.`);
  }
}

/** Matches the service prefix like ARM: names case-insensitive, each mismatch with ARM's own error. */
function serviceSegments(state: ApimState, pathname: string): string[] {
  const match = PREFIX.exec(pathname.replace(/\/+$/, ''));
  if (!match) throw new ArmError(404, 'NotFound', `No route matches '${pathname}'.`);
  const [, sub, rg, svc, rest] = match as unknown as [string, string, string, string, string | undefined];
  const service = state.service;
  if (decode(sub).toLowerCase() !== service.subscriptionId.toLowerCase()) {
    throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${decode(sub)}' could not be found.`);
  }
  if (decode(rg).toLowerCase() !== service.resourceGroup.toLowerCase()) {
    throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${decode(rg)}' could not be found.`);
  }
  if (decode(svc).toLowerCase() !== service.name.toLowerCase()) {
    throw new ArmError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.ApiManagement/service/${decode(svc)}' under resource group '${decode(rg)}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    );
  }
  return (rest ?? '').split('/').filter(Boolean).map(decode);
}

/** The service's ARM id, the scope role assignments are usually made at. */
export function serviceIdOf(state: ApimState): string {
  const s = state.service;
  return `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}/providers/Microsoft.ApiManagement/service/${s.name}`;
}

async function route(r: ArmRequest): Promise<ArmResult> {
  const result =
    (await handleApiWrites(r)) ??
    (await handlePolicies(r)) ??
    (await handlePolicyFragments(r)) ??
    (await handleNamedValues(r)) ??
    (await handleSubscriptions(r)) ??
    handleVersionSets(r) ??
    handleCatalog(r);
  if (!result) throw new ArmError(404, 'ResourceNotFound', `The resource '${r.segments.join('/')}' was not found.`);
  return result;
}

/** The ARM surface of the emulated API Management service (api-version 2024-05-01 shapes). */
export function createArmHandler(deps: {
  state: ApimState;
  tokens: TokenVerifier;
  urls: EmulatorUrls;
  cloud?: EmulatedCloud;
  rbac: RbacState;
  /** Role definitions that Microsoft.Authorization serves and accepts in role assignments. */
  roles?: Record<string, RoleDefinition>;
  /** The tenant whose principals role assignments may name. */
  directory?: Directory;
  /** Called after each successful write, so Event Grid can publish APIM's event for it. */
  onWrite?: (method: string, status: number, segments: string[]) => void;
  /** Microsoft.EventGrid event subscriptions on the service's system topic. */
  eventSubscriptions?: EventSubscriptionsRoute;
}): SurfaceHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', deps.urls.armEndpoint);
      const claims = await authenticate(req, deps.tokens, deps.urls.authorityHost, deps.cloud ?? CLOUDS.AzurePublicCloud);
      if (isAuthorizationPath(url.pathname)) {
        const method = (req.method ?? 'GET').toUpperCase();
        const serviceId = serviceIdOf(deps.state);
        const roles = deps.roles ?? {};
        const result = await handleAuthorization({
          req,
          method,
          url,
          claims,
          rbac: deps.rbac,
          roles,
          directory: deps.directory,
          serviceId,
        });
        return sendJson(res, result.status, result.body, result.headers);
      }
      if (deps.eventSubscriptions && isEventSubscriptionPath(url.pathname)) {
        const result = await deps.eventSubscriptions.handle(req, (req.method ?? 'GET').toUpperCase(), url, claims);
        if (result.body === undefined) res.writeHead(result.status, result.headers ?? {}).end();
        else sendJson(res, result.status, result.body, result.headers);
        return;
      }
      const segments = serviceSegments(deps.state, url.pathname);
      checkApiVersion(url);
      const method = (req.method ?? 'GET').toUpperCase();
      // Azure RBAC: the caller's role assignments must allow this request's action at its scope.
      deps.rbac.authorize(claims, method, segments, serviceIdOf(deps.state), decodeURIComponent(url.pathname.replace(/\/+$/, '')));
      const result = await route({ req, method, url, origin: deps.urls.armEndpoint, segments, state: deps.state });
      if (method !== 'GET' && method !== 'HEAD') deps.onWrite?.(method, result.status, segments);
      if (result.body === undefined) {
        res.writeHead(result.status, result.headers ?? {});
        res.end();
      } else sendJson(res, result.status, result.body, result.headers);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof ArmError) sendArmError(res, error);
      else sendArmError(res, new ArmError(500, 'InternalServerError', 'The request failed because of an internal server error.'));
      // Drain an unread body so the connection stays usable.
      req.resume();
    }
  };
}
