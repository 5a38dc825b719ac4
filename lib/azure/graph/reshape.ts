import 'server-only';
import type {
  ClientPrincipal,
  DelegatedGrant,
  DirectoryPrincipal,
  EntraApplication,
  EntraAppRole,
  EntraServicePrincipal,
  OwnedClient,
  RoleAssignment,
} from './types';

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function reshapeAppRole(r: Json): EntraAppRole {
  return {
    id: str(r.id),
    value: str(r.value),
    displayName: str(r.displayName),
    description: str(r.description),
    isEnabled: r.isEnabled !== false,
    allowedMemberTypes: arr(r.allowedMemberTypes).map(str),
  };
}

export function reshapeApplication(a: Json): EntraApplication {
  const api = (a.api ?? {}) as Json;
  const web = (a.web ?? {}) as Json;
  return {
    objectId: str(a.id),
    appId: str(a.appId),
    displayName: str(a.displayName),
    identifierUris: arr(a.identifierUris).map(str),
    tokenVersion: api.requestedAccessTokenVersion === 2 ? 2 : 1,
    appRoles: arr(a.appRoles).map((r) => reshapeAppRole(r as Json)),
    redirectUris: arr(web.redirectUris).map(str),
    delegatedScopes: arr(api.oauth2PermissionScopes).map((s) => {
      const scope = s as Json;
      return { id: str(scope.id), value: str(scope.value), isEnabled: scope.isEnabled !== false };
    }),
    preAuthorizedApplications: arr(api.preAuthorizedApplications).map((p) => {
      const pre = p as Json;
      return { appId: str(pre.appId), delegatedPermissionIds: arr(pre.delegatedPermissionIds).map(str) };
    }),
  };
}

export function reshapeDelegatedGrant(g: Json): DelegatedGrant {
  return {
    clientId: str(g.clientId),
    resourceId: str(g.resourceId),
    consentType: g.consentType === 'AllPrincipals' ? 'AllPrincipals' : 'Principal',
    principalId: typeof g.principalId === 'string' ? g.principalId : null,
    scopes: str(g.scope).split(/\s+/).filter(Boolean),
  };
}

export function reshapeServicePrincipal(s: Json): EntraServicePrincipal {
  return {
    id: str(s.id),
    appId: str(s.appId),
    displayName: str(s.displayName),
    appRoles: arr(s.appRoles).map((r) => reshapeAppRole(r as Json)),
  };
}

export function reshapeAssignment(a: Json): RoleAssignment {
  const type = str(a.principalType);
  return {
    id: str(a.id),
    appRoleId: str(a.appRoleId),
    principalId: str(a.principalId),
    principalType: type === 'Group' || type === 'ServicePrincipal' ? type : 'User',
    principalDisplayName: str(a.principalDisplayName),
    resourceId: str(a.resourceId),
    resourceDisplayName: str(a.resourceDisplayName),
    createdDateTime: str(a.createdDateTime),
  };
}

export function reshapePrincipal(p: Json): DirectoryPrincipal {
  const type = str(p['@odata.type']);
  const kind = type.endsWith('.user')
    ? 'user'
    : type.endsWith('.group')
      ? 'group'
      : type.endsWith('.servicePrincipal')
        ? 'servicePrincipal'
        : 'other';
  return { id: str(p.id), displayName: str(p.displayName), userPrincipalName: str(p.userPrincipalName) || undefined, kind };
}

export function reshapeClientPrincipal(s: Json): ClientPrincipal {
  const type = str(s.servicePrincipalType);
  return {
    id: str(s.id),
    appId: str(s.appId),
    displayName: str(s.displayName),
    servicePrincipalType: type === 'Application' || type === 'ManagedIdentity' ? type : 'Other',
    appOwnerOrganizationId: str(s.appOwnerOrganizationId) || null,
  };
}

/** An item of `ownedObjects`; null for what is not an application or service principal (groups, devices). */
export function reshapeOwnedClient(o: Json): OwnedClient | null {
  const type = str(o['@odata.type']);
  const kind = type.endsWith('.application') ? 'application' : type.endsWith('.servicePrincipal') ? 'servicePrincipal' : null;
  return kind
    ? {
        kind,
        id: str(o.id),
        appId: str(o.appId),
        displayName: str(o.displayName),
        appOwnerOrganizationId: kind === 'servicePrincipal' ? str(o.appOwnerOrganizationId) || null : null,
      }
    : null;
}
