import type * as Entra from '../directory/types';

type Json = Record<string, unknown>;

const appRole = (r: Entra.AppRole, origin: 'Application' | 'ServicePrincipal' = 'Application') => ({
  allowedMemberTypes: r.allowedMemberTypes,
  description: r.description,
  displayName: r.displayName,
  id: r.id,
  isEnabled: r.isEnabled,
  origin,
  value: r.value,
});

const permissionScope = (s: Entra.PermissionScope) => ({
  adminConsentDescription: s.adminConsentDescription,
  adminConsentDisplayName: s.adminConsentDisplayName,
  id: s.id,
  isEnabled: s.isEnabled,
  type: s.type,
  userConsentDescription: s.userConsentDescription,
  userConsentDisplayName: s.userConsentDisplayName,
  value: s.value,
});

export function userJson(u: Entra.DirectoryUser): Json {
  return {
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    id: u.id,
  };
}

export function groupJson(g: Entra.DirectoryGroup): Json {
  return {
    id: g.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: g.createdDateTime,
    description: g.description,
    displayName: g.displayName,
    groupTypes: [],
    isAssignableToRole: g.isAssignableToRole ?? null,
    mail: null,
    mailEnabled: false,
    mailNickname: g.mailNickname,
    securityEnabled: true,
    securityIdentifier: null,
    visibility: null,
  };
}

/** Graph v1.0 directoryRole resource (api-reference/v1.0/resources/directoryrole.md). */
export function directoryRoleJson(r: Entra.DirectoryRole): Json {
  return { id: r.id, deletedDateTime: null, description: r.description, displayName: r.displayName, roleTemplateId: r.roleTemplateId };
}

export function applicationJson(a: Entra.DirectoryApplication, publisherDomain: string): Json {
  return {
    id: a.id,
    deletedDateTime: null,
    appId: a.appId,
    createdDateTime: a.createdDateTime,
    description: null,
    displayName: a.displayName,
    groupMembershipClaims: a.groupMembershipClaims,
    identifierUris: a.identifierUris,
    publisherDomain,
    requiredResourceAccess: (a.requiredResourceAccess ?? []).map((r) => ({
      resourceAppId: r.resourceAppId,
      resourceAccess: r.resourceAccess.map((x) => ({ id: x.id, type: x.type })),
    })),
    signInAudience: 'AzureADMyOrg',
    tags: [],
    api: {
      acceptMappedClaims: null,
      knownClientApplications: a.api.knownClientApplications,
      requestedAccessTokenVersion: a.api.requestedAccessTokenVersion,
      oauth2PermissionScopes: a.api.oauth2PermissionScopes.map(permissionScope),
      preAuthorizedApplications: a.api.preAuthorizedApplications.map((p) => ({
        appId: p.appId,
        delegatedPermissionIds: p.delegatedPermissionIds,
      })),
    },
    appRoles: a.appRoles.map((r) => appRole(r)),
    keyCredentials: [],
    // Graph never returns a secret's value after creation, only its hint.
    passwordCredentials: a.passwordCredentials.map((c) => ({
      customKeyIdentifier: null,
      displayName: c.displayName,
      endDateTime: c.endDateTime,
      hint: c.hint,
      keyId: c.keyId,
      secretText: null,
      startDateTime: a.createdDateTime,
    })),
    web: {
      homePageUrl: null,
      logoutUrl: null,
      redirectUris: a.web.redirectUris,
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
    },
  };
}

export function servicePrincipalJson(s: Entra.DirectoryServicePrincipal): Json {
  return {
    id: s.id,
    deletedDateTime: null,
    accountEnabled: true,
    addIns: [],
    alternativeNames: [],
    appDisplayName: s.displayName,
    appId: s.appId,
    appOwnerOrganizationId: s.appOwnerOrganizationId,
    appRoleAssignmentRequired: false,
    appRoles: s.appRoles.map((r) => appRole(r)),
    disabledByMicrosoftStatus: null,
    displayName: s.displayName,
    endpoints: [],
    homepage: null,
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
    info: { termsOfServiceUrl: null, supportUrl: null, privacyStatementUrl: null, marketingUrl: null, logoUrl: null },
    keyCredentials: [],
    logoutUrl: null,
    oauth2PermissionScopes: s.oauth2PermissionScopes.map(permissionScope),
    passwordCredentials: [],
    publisherName: null,
    replyUrls: [],
    resourceSpecificApplicationPermissions: [],
    servicePrincipalNames: s.servicePrincipalNames,
    servicePrincipalType: s.servicePrincipalType,
    signInAudience: 'AzureADMyOrg',
    tags: [],
    tokenEncryptionKeyId: null,
  };
}

export function permissionGrantJson(g: Entra.OAuth2PermissionGrant): Json {
  return {
    clientId: g.clientId,
    consentType: g.consentType,
    id: g.id,
    principalId: g.principalId,
    resourceId: g.resourceId,
    scope: g.scope,
  };
}

export function assignmentJson(a: Entra.AppRoleAssignment): Json {
  return {
    id: a.id,
    deletedDateTime: null,
    appRoleId: a.appRoleId,
    createdDateTime: a.createdDateTime,
    principalDisplayName: a.principalDisplayName,
    principalId: a.principalId,
    principalType: a.principalType,
    resourceDisplayName: a.resourceDisplayName,
    resourceId: a.resourceId,
  };
}

/** Members, owners and memberOf are directoryObject collections: each item names its type. */
export function typed(type: 'user' | 'group' | 'servicePrincipal' | 'directoryRole' | 'application', body: Json): Json {
  return { '@odata.type': `#microsoft.graph.${type}`, ...body };
}
