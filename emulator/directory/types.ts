export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  jobTitle: string | null;
  password: string;
  /** false for an account nobody signs in to (a shared mailbox); absent = enabled. */
  accountEnabled?: boolean;
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
  api: {
    requestedAccessTokenVersion: 1 | 2 | null;
    oauth2PermissionScopes: PermissionScope[];
    /** Clients this API lets use the listed delegated scopes without anyone's consent (on-behalf-of included). */
    preAuthorizedApplications: PreAuthorizedApplication[];
    /** Clients whose consent also consents to this app (combined consent); no effect on a token request itself. */
    knownClientApplications: string[];
  };
  appRoles: AppRole[];
  web: { redirectUris: string[] };
  owners: string[];
  passwordCredentials: { keyId: string; displayName: string; hint: string; secretText: string; endDateTime: string }[];
  groupMembershipClaims: string | null;
  /** The API permissions the app is configured to request (what admin consent is offered for); grants are separate objects. */
  requiredResourceAccess?: RequiredResourceAccess[];
  /** Microsoft's own apps (Graph, ARM) have a service principal in the tenant but no application object. */
  firstParty: boolean;
  /** A public client (no credential), such as the Azure CLI, which any tenant's users sign in to. */
  publicClient?: boolean;
  /** Tokens of other identity providers the app accepts as its client credential (workload identity federation). */
  federatedIdentityCredentials?: FederatedIdentityCredential[];
}

/** microsoft-graph-docs-contrib api-reference/v1.0/resources/federatedidentitycredential.md */
export interface FederatedIdentityCredential {
  id: string;
  name: string;
  /** Must equal the external token's `iss`. */
  issuer: string;
  /** Must equal the external token's `sub`. */
  subject: string;
  /** What the external token's `aud` must be (one value). */
  audiences: string[];
  description?: string;
}

export interface RequiredResourceAccess {
  resourceAppId: string;
  resourceAccess: { id: string; type: 'Scope' | 'Role' }[];
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
  /**
   * Object ids of the service principal's owners (users or service principals). Separate from its app registration's
   * owners; a managed identity's service principal has none (its lifecycle follows the Azure resource).
   */
  owners: string[];
}

export interface PreAuthorizedApplication {
  appId: string;
  delegatedPermissionIds: string[];
}

/** A delegated permission grant (Graph's oAuth2PermissionGrant): client service principal → resource service principal. */
export interface OAuth2PermissionGrant {
  id: string;
  /** Object id of the client's service principal. */
  clientId: string;
  consentType: 'AllPrincipals' | 'Principal';
  /** The user who consented, for consentType Principal; null for admin consent. */
  principalId: string | null;
  /** Object id of the resource's service principal. */
  resourceId: string;
  /** Space-separated delegated permission values. */
  scope: string;
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
