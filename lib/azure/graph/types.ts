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
