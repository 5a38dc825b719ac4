/** Roleport's own shapes of the directory objects it reads from Microsoft Graph. */
export interface EntraAppRole {
  id: string;
  value: string;
  displayName: string;
  description: string;
  isEnabled: boolean;
  allowedMemberTypes: string[];
}

export interface EntraApplication {
  objectId: string;
  appId: string;
  displayName: string;
  identifierUris: string[];
  /** Entra's accepted access-token version for this API (null in the manifest means 1). */
  tokenVersion: 1 | 2;
  appRoles: EntraAppRole[];
  redirectUris: string[];
  /** Delegated permissions (scopes) the app exposes: what a client can be consented to call on a user's behalf. */
  delegatedScopes: { id: string; value: string; isEnabled: boolean }[];
  /** Clients the app pre-authorizes for some of its scopes (no consent needed for those). */
  preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
}

/** A delegated permission grant: consent for a client to call a resource with these scopes for one user or all. */
export interface DelegatedGrant {
  clientId: string;
  resourceId: string;
  consentType: 'AllPrincipals' | 'Principal';
  principalId: string | null;
  scopes: string[];
}

export interface EntraServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appRoles: EntraAppRole[];
}

export interface RoleAssignment {
  id: string;
  appRoleId: string;
  principalId: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal';
  principalDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
  createdDateTime: string;
}

export interface DirectoryPrincipal {
  id: string;
  displayName: string;
  userPrincipalName?: string;
  kind: 'user' | 'group' | 'servicePrincipal' | 'other';
}

/** A client service principal: an application's instance in the tenant, or a managed identity. */
export interface ClientPrincipal {
  id: string;
  appId: string;
  displayName: string;
  servicePrincipalType: 'Application' | 'ManagedIdentity' | 'Other';
  /** The tenant that registered the application; another tenant's id for a multi-tenant app's service principal. */
  appOwnerOrganizationId: string | null;
}

/** What a user owns among applications: app registrations and service principals, as `ownedObjects` lists them. */
export interface OwnedClient {
  kind: 'application' | 'servicePrincipal';
  id: string;
  appId: string;
  displayName: string;
  /** A service principal's home tenant (where its app is registered); null for an application object. */
  appOwnerOrganizationId: string | null;
}
