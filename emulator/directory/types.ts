export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  jobTitle: string | null;
  password: string;
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  createdDateTime: string;
  /** Object ids of direct members. */
  members: Set<string>;
  /** Role-assignable group: it can hold Microsoft Entra (directory) roles. Set only at creation; absent = not set (null). */
  isAssignableToRole?: boolean;
}

/** An activated Microsoft Entra role (Graph's directoryRole); only users and role-assignable groups are members. */
export interface DirectoryRole {
  id: string;
  displayName: string;
  description: string;
  roleTemplateId: string;
  /** Object ids of direct members. */
  members: Set<string>;
}

export interface AppRole {
  id: string;
  value: string;
  displayName: string;
  description: string;
  allowedMemberTypes: ('User' | 'Application')[];
  isEnabled: boolean;
}

export interface PermissionScope {
  id: string;
  value: string;
  adminConsentDisplayName: string;
  adminConsentDescription: string;
  userConsentDisplayName: string | null;
  userConsentDescription: string | null;
  type: 'User' | 'Admin';
  isEnabled: boolean;
}

export interface DirectoryApplication {
  id: string;
  appId: string;
  displayName: string;
  createdDateTime: string;
  identifierUris: string[];
  api: { requestedAccessTokenVersion: 1 | 2 | null; oauth2PermissionScopes: PermissionScope[] };
  appRoles: AppRole[];
  web: { redirectUris: string[] };
  owners: string[];
  passwordCredentials: { keyId: string; displayName: string; hint: string; secretText: string; endDateTime: string }[];
  groupMembershipClaims: string | null;
  /** Microsoft's own apps (Graph, ARM) have a service principal in the tenant but no application object. */
  firstParty: boolean;
}

export interface DirectoryServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appRoles: AppRole[];
  oauth2PermissionScopes: PermissionScope[];
  servicePrincipalNames: string[];
  servicePrincipalType: 'Application' | 'ManagedIdentity' | 'Legacy';
  appOwnerOrganizationId: string;
}

export type PrincipalType = 'User' | 'Group' | 'ServicePrincipal';

export interface AppRoleAssignment {
  id: string;
  appRoleId: string;
  principalId: string;
  principalType: PrincipalType;
  principalDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
  createdDateTime: string;
}
