import type { Directory } from '../directory/directory';
import type { DirectoryApplication, DirectoryServicePrincipal } from '../directory/types';
import { MICROSOFT_GRAPH } from '../seed/directory-seed';
import { EntraError, invalidScope } from './entra-errors';

export const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

export interface ResolvedResource {
  app: DirectoryApplication;
  sp: DirectoryServicePrincipal;
  /** The resource as the caller named it (identifier URI or app id): v1 tokens carry it as `aud`. */
  requestedAs: string;
  version: 1 | 2;
  /** Scope names after the resource prefix (`.default` or delegated permission names). */
  names: string[];
  oidc: Set<string>;
}

/** Entra derives the single target resource from the scope prefixes; OIDC scopes are not resources. */
export function resolveResource(dir: Directory, scopeParam: string, options: { defaultToGraph: boolean }): ResolvedResource {
  const oidc = new Set<string>();
  const parsed: { resource: string; name: string }[] = [];
  for (const raw of scopeParam.split(/\s+/).filter(Boolean)) {
    if (OIDC_SCOPES.has(raw.toLowerCase())) oidc.add(raw.toLowerCase());
    else if (raw.includes('/')) {
      const cut = raw.lastIndexOf('/');
      parsed.push({ resource: raw.slice(0, cut), name: raw.slice(cut + 1) });
    } else parsed.push({ resource: dir.cloud.graphResource, name: raw });
  }
  if (parsed.length === 0) {
    if (!options.defaultToGraph)
      throw invalidScope(
        1002012,
        `The provided value for scope ${scopeParam || "''"} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    parsed.push({ resource: dir.cloud.graphResource, name: 'User.Read' });
  }
  const apps = parsed.map(({ resource }) => {
    const app = dir.applicationByResource(resource);
    if (!app)
      throw new EntraError(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${resource} was not found in the tenant named ${dir.tenantDomain}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      );
    return app;
  });
  if (new Set(apps.map((a) => a.id)).size > 1) {
    throw invalidScope(
      28000,
      `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scopeParam} is not valid.`,
    );
  }
  const app = apps[0]!;
  const sp = dir.servicePrincipalByAppId(app.appId);
  if (!sp)
    throw new EntraError(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${parsed[0]!.resource} was not found in the tenant named ${dir.tenantDomain}.`,
    );
  const first = parsed[0]!.resource;
  const requestedAs = first.toLowerCase() === app.appId.toLowerCase() ? app.appId : (dir.identifierUriFor(app, first) ?? first);
  return { app, sp, requestedAs, version: app.api.requestedAccessTokenVersion === 2 ? 2 : 1, names: parsed.map((p) => p.name), oidc };
}

/**
 * Delegated permission values granted for the requested names. `.default` means what the client is pre-authorized for
 * on the API when it is (Microsoft Graph pre-authorizes the Azure CLI), else every scope the API exposes.
 */
export function delegatedScopes(resource: ResolvedResource, clientAppId?: string): string[] {
  const enabled = resource.app.api.oauth2PermissionScopes.filter((s) => s.isEnabled);
  const exposed = enabled.map((s) => s.value);
  const preAuthorized = resource.app.api.preAuthorizedApplications.find(
    (p) => clientAppId && p.appId.toLowerCase() === clientAppId.toLowerCase(),
  );
  const byDefault = preAuthorized
    ? enabled.filter((s) => preAuthorized.delegatedPermissionIds.includes(s.id)).map((s) => s.value)
    : exposed;
  const out = new Set<string>();
  for (const name of resource.names) {
    if (name === '.default') byDefault.forEach((s) => out.add(s));
    else if (exposed.includes(name)) out.add(name);
    else
      throw invalidScope(
        650053,
        `The application asked for scope '${name}' that doesn't exist on the resource '${resource.app.appId}'. Contact the app vendor.`,
      );
  }
  return [...out];
}

/** The `scope` value returned in the token response. */
export function grantedScopeString(resource: ResolvedResource, scp: string[] | null): string {
  const prefix = resource.requestedAs;
  if (!scp) return `${prefix.replace(/\/+$/, '')}/.default`;
  return [
    ...scp.map((s) => (resource.app.appId === MICROSOFT_GRAPH.appId ? s : `${prefix.replace(/\/+$/, '')}/${s}`)),
    // A `.default` request is answered with `.default` among the scopes too (as the Azure CLI's tokens show), which is
    // what lets MSAL find the cached token when the same `.default` is asked for again.
    ...(resource.names.includes('.default') ? [`${prefix.replace(/\/+$/, '')}/.default`] : []),
    ...resource.oidc,
  ].join(' ');
}
