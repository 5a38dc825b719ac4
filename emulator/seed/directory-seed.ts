import { CLOUDS, type CloudName } from '../directory/clouds';
import { Directory } from '../directory/directory';
import { stableGuid } from '../http/ids';
import {
  AZURE_CLI,
  CLIENT_APPS,
  PARTNER_CLIENT_APP,
  DEMO_PASSWORD,
  EVENT_GRID,
  GROUPS,
  INITIAL_ASSIGNMENTS,
  NOTIFICATIONS_MAILBOX,
  OPERATOR_APP,
  PORTAL_APP,
  RESOURCE_APPS,
  ROLEPORT_MANAGED_IDENTITY,
  SETUP_APP,
  TENANT_DOMAIN,
  TENANT_ID,
  USERS,
  WORKLOAD_MANAGED_IDENTITY,
} from './demo-tenant';
import {
  addApp,
  addMicrosoftApp,
  addSecretClient,
  emulatorNamedIds,
  exposesNothing,
  localSecret,
  MICROSOFT_TENANT,
  role,
  scope,
  SEEDED_AT,
} from './seed-apps';

/** Delegated Graph permissions with their real ids: what the Azure CLI is pre-authorized for (its tokens' `scp`). */
export const GRAPH_DELEGATED_SCOPES: Record<string, string> = {
  'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
  'Application.ReadWrite.All': 'bdfbf15f-ee85-4955-8675-146e8e5296b5',
  'AppRoleAssignment.ReadWrite.All': '84bccea3-f856-4a8a-967b-dbe0a3d53a64',
  'DelegatedPermissionGrant.ReadWrite.All': '41ce6ca6-6826-4807-84f1-1c82854f7ee5',
  'Directory.AccessAsUser.All': '0e263e50-5827-48a4-b97c-d940288653c7',
};

export const MICROSOFT_GRAPH = { appId: '00000003-0000-0000-c000-000000000000', identifierUri: 'https://graph.microsoft.com' } as const;
export const AZURE_RESOURCE_MANAGER = {
  appId: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
  identifierUri: 'https://management.azure.com/',
} as const;

/** Graph application permissions with their real app role ids. */
export const GRAPH_APP_ROLES: Record<string, string> = {
  'AppRoleAssignment.ReadWrite.All': '06b708a9-e830-4db3-a914-8e69da51d44f',
  'Application.Read.All': '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
  'Application.ReadWrite.All': '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'Group.Read.All': '5b567255-7703-4780-807c-7be8301ae99b',
  'GroupMember.ReadWrite.All': 'dbaae8cf-10b5-4b86-a4a1-f871c94c6695',
  'DelegatedPermissionGrant.Read.All': '81b4724a-58aa-41c1-8a55-84ef97466587',
  'Application.ReadWrite.OwnedBy': '18a4783c-866b-4cc7-a460-3d5e5662c884',
  'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  'DelegatedPermissionGrant.ReadWrite.All': '8e8e4742-1d95-4f68-9d56-6ee75648c72a',
  'Mail.Send': 'b633e1c5-b582-4048-a93e-9f11b44c7e96',
};

/**
 * What Roleport's set-up needs to run as an app: create and update app registrations and service principals
 * (Application.ReadWrite.All), grant application permissions, i.e. admin consent to them (AppRoleAssignment.ReadWrite.All),
 * and grant delegated permissions (DelegatedPermissionGrant.ReadWrite.All).
 */
export const SETUP_GRAPH_PERMISSIONS = [
  'Application.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
  'DelegatedPermissionGrant.ReadWrite.All',
];

/** What the README documents for Roleport's app registration (Graph application permissions, admin-consented). */
export const PORTAL_GRAPH_PERMISSIONS = [
  'Application.Read.All',
  'Application.ReadWrite.OwnedBy',
  'AppRoleAssignment.ReadWrite.All',
  'DelegatedPermissionGrant.Read.All',
  'Group.Read.All',
  'GroupMember.ReadWrite.All',
  'Mail.Send',
  'User.Read.All',
];

export interface DirectorySeedOptions {
  /** Callback URLs added to the portal app's registered redirect URIs. */
  extraRedirectUris?: string[];
  /** The national cloud whose Graph and ARM resource ids the first-party apps carry (default public). */
  cloud?: CloudName;
  /** The emulator's authority: the issuer of its managed identity's tokens, which the portal app trusts as a credential. */
  authorityHost?: string;
}

/** The id of an API's user_impersonation scope (stable, so pre-authorizations can name it). */
export const userImpersonationId = (app: { appId: string }) => stableGuid(`${app.appId}/user_impersonation`);

/** The demo tenant: users, groups, the portal app, three API apps, Microsoft Graph and ARM, and initial assignments. */
export function seedDirectory(options: DirectorySeedOptions = {}): Directory {
  const cloud = CLOUDS[options.cloud ?? 'AzurePublicCloud'];
  const dir = new Directory(TENANT_ID, TENANT_DOMAIN, cloud);
  for (const u of Object.values(USERS)) {
    const [givenName, ...rest] = u.displayName.split(' ');
    dir.users.set(u.oid, {
      id: u.oid,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
      givenName: givenName ?? null,
      surname: rest.join(' ') || null,
      mail: u.userPrincipalName,
      jobTitle: u.jobTitle,
      password: DEMO_PASSWORD,
    });
  }
  dir.users.set(NOTIFICATIONS_MAILBOX.oid, {
    id: NOTIFICATIONS_MAILBOX.oid,
    userPrincipalName: NOTIFICATIONS_MAILBOX.userPrincipalName,
    displayName: NOTIFICATIONS_MAILBOX.displayName,
    givenName: null,
    surname: null,
    mail: NOTIFICATIONS_MAILBOX.userPrincipalName,
    jobTitle: null,
    password: DEMO_PASSWORD,
    accountEnabled: false,
  });

  addApp(
    dir,
    {
      id: PORTAL_APP.objectId,
      appId: PORTAL_APP.appId,
      displayName: PORTAL_APP.displayName,
      identifierUris: [PORTAL_APP.identifierUri],
      api: {
        requestedAccessTokenVersion: 2,
        oauth2PermissionScopes: [scope(PORTAL_APP.accessAsUserScopeId, 'access_as_user', PORTAL_APP.displayName)],
        preAuthorizedApplications: [],
        knownClientApplications: [],
      },
      appRoles: [
        ...Object.entries(PORTAL_APP.roles).map(([value, id]) => role(id, value, ['User'])),
        role(EVENT_GRID.subscriberRoleId, EVENT_GRID.subscriberRole, ['Application']),
      ],
      web: { redirectUris: [...PORTAL_APP.redirectUris, ...(options.extraRedirectUris ?? [])] },
      owners: [USERS.priya.oid],
      // The host's managed identity as a federated credential, as docs/deploy.md (Secretless) has the operator add it:
      // issuer the tenant's v2.0 authority, subject the identity's principal id, the cloud's token-exchange audience.
      federatedIdentityCredentials: options.authorityHost
        ? [
            {
              id: stableGuid('portal-fic/roleport-host'),
              name: 'roleport-host',
              issuer: `${options.authorityHost}/${TENANT_ID}/v2.0`,
              subject: ROLEPORT_MANAGED_IDENTITY.principalId,
              audiences: [cloud.tokenExchangeAudience],
            },
          ]
        : [],
      passwordCredentials: [localSecret('portal', PORTAL_APP.clientSecret)],
    },
    PORTAL_APP.servicePrincipalId,
  );
  addSecretClient(dir, 'operator', OPERATOR_APP);
  addSecretClient(dir, 'setup', SETUP_APP);

  for (const app of RESOURCE_APPS) {
    addApp(
      dir,
      {
        id: app.objectId,
        appId: app.appId,
        displayName: app.displayName,
        identifierUris: [app.identifierUri],
        api: {
          requestedAccessTokenVersion: app.accessTokenVersion === 2 ? 2 : null,
          oauth2PermissionScopes: [scope(userImpersonationId(app), 'user_impersonation', app.displayName)],
          preAuthorizedApplications:
            app.portalDelegation === 'pre-authorized'
              ? [{ appId: PORTAL_APP.appId, delegatedPermissionIds: [userImpersonationId(app)] }]
              : [],
          knownClientApplications: [],
        },
        appRoles: Object.entries(app.roles).map(([value, id]) => role(id, value, app.memberTypes?.[value])),
        // Roleport owns the API registrations too, so Application.ReadWrite.OwnedBy lets it add roles to them.
        owners: [...app.owners.map((k) => USERS[k].oid), PORTAL_APP.servicePrincipalId],
      },
      app.servicePrincipalId,
    );
  }

  addMicrosoftApp(dir, {
    objectId: stableGuid('app/microsoft-graph'),
    appId: MICROSOFT_GRAPH.appId,
    servicePrincipalId: stableGuid('sp/microsoft-graph'),
    displayName: 'Microsoft Graph',
    identifierUris: [cloud.graphResource],
    api: {
      requestedAccessTokenVersion: 1,
      oauth2PermissionScopes: Object.entries(GRAPH_DELEGATED_SCOPES).map(([value, id]) => ({
        ...scope(id, value, 'Microsoft Graph'),
        type: value === 'User.Read' ? ('User' as const) : ('Admin' as const),
      })),
      preAuthorizedApplications: [{ appId: AZURE_CLI.appId, delegatedPermissionIds: Object.values(GRAPH_DELEGATED_SCOPES) }],
      knownClientApplications: [],
    },
    appRoles: Object.entries(GRAPH_APP_ROLES).map(([value, id]) => role(id, value, ['Application'])),
  });
  addMicrosoftApp(dir, {
    objectId: stableGuid('app/arm'),
    appId: AZURE_RESOURCE_MANAGER.appId,
    servicePrincipalId: stableGuid('sp/arm'),
    displayName: 'Windows Azure Service Management API',
    identifierUris: [...cloud.armResources],
    api: {
      requestedAccessTokenVersion: 1,
      oauth2PermissionScopes: [scope('41094075-9dad-400e-a0bd-54e686782033', 'user_impersonation', 'Azure Service Management')],
      preAuthorizedApplications: [{ appId: AZURE_CLI.appId, delegatedPermissionIds: ['41094075-9dad-400e-a0bd-54e686782033'] }],
      knownClientApplications: [],
    },
  });
  addMicrosoftApp(dir, { ...AZURE_CLI, displayName: 'Microsoft Azure CLI', api: exposesNothing(1), publicClient: true });
  addMicrosoftApp(dir, {
    objectId: EVENT_GRID.objectId,
    appId: EVENT_GRID.appId,
    servicePrincipalId: EVENT_GRID.servicePrincipalId,
    displayName: 'Microsoft.EventGrid',
    api: exposesNothing(1),
  });
  // Azure Database for PostgreSQL's Entra resource: Roleport asks for tokens to it when DATABASE_AUTH=entra. Its
  // identifier URI is the documented scope's resource; the app id is the emulator's own.
  addMicrosoftApp(dir, {
    ...emulatorNamedIds('ossrdbms'),
    displayName: 'Azure OSSRDBMS Database',
    identifierUris: ['https://ossrdbms-aad.database.windows.net'],
    api: exposesNothing(1),
  });

  for (const client of CLIENT_APPS)
    addSecretClient(
      dir,
      client.key,
      client,
      client.owners.map((k) => USERS[k].oid),
    );

  // A multi-tenant app registered in a partner's tenant: only its service principal is here (no application object, so
  // /applications and its owners answer 404 for it), owned in this tenant by a developer.
  dir.servicePrincipals.set(PARTNER_CLIENT_APP.servicePrincipalId, {
    id: PARTNER_CLIENT_APP.servicePrincipalId,
    appId: PARTNER_CLIENT_APP.appId,
    displayName: PARTNER_CLIENT_APP.displayName,
    appRoles: [],
    oauth2PermissionScopes: [],
    servicePrincipalNames: [PARTNER_CLIENT_APP.appId],
    servicePrincipalType: 'Application',
    appOwnerOrganizationId: PARTNER_CLIENT_APP.homeTenantId,
    owners: PARTNER_CLIENT_APP.owners.map((k) => USERS[k].oid),
  });

  // A managed identity is a service principal without an app registration, and without owners: Entra refuses owners
  // on it, its lifecycle follows the Azure resource (learn.microsoft.com/entra/identity/managed-identities-azure-resources/overview).
  for (const mi of [ROLEPORT_MANAGED_IDENTITY, WORKLOAD_MANAGED_IDENTITY])
    dir.servicePrincipals.set(mi.principalId, {
      id: mi.principalId,
      appId: mi.clientId,
      displayName: mi.displayName,
      appRoles: [],
      oauth2PermissionScopes: [],
      servicePrincipalNames: [mi.clientId],
      servicePrincipalType: 'ManagedIdentity',
      appOwnerOrganizationId: MICROSOFT_TENANT,
      owners: [],
    });

  // What a managed identity asks a token for to present it as a federated credential (learn.microsoft.com/entra/
  // workload-id/workload-identity-federation-config-app-trust-managed-identity). Its tokens carry the v2.0 issuer the
  // federated credential names.
  addMicrosoftApp(dir, {
    ...emulatorNamedIds('token-exchange'),
    displayName: 'AzureADTokenExchange',
    identifierUris: [cloud.tokenExchangeAudience],
    api: exposesNothing(2),
  });

  for (const g of Object.values(GROUPS)) {
    dir.groups.set(g.id, {
      id: g.id,
      displayName: g.displayName,
      description: `Members hold ${g.holds.role}.`,
      createdDateTime: SEEDED_AT,
      mailNickname: g.displayName.toLowerCase().replace(/\s+/g, '-'),
      members: new Set(g.members.map((k) => USERS[k].oid)),
    });
  }

  const spOf = (key: string) =>
    key === 'portal' ? PORTAL_APP.servicePrincipalId : RESOURCE_APPS.find((a) => a.key === key)!.servicePrincipalId;
  const roleId = (key: string, value: string) =>
    key === 'portal' ? (PORTAL_APP.roles as Record<string, string>)[value]! : RESOURCE_APPS.find((a) => a.key === key)!.roles[value]!;
  for (const g of Object.values(GROUPS)) dir.assign(g.id, spOf(g.holds.app), roleId(g.holds.app, g.holds.role), SEEDED_AT);
  for (const a of INITIAL_ASSIGNMENTS) dir.assign(USERS[a.user].oid, spOf(a.app), roleId(a.app, a.role), SEEDED_AT);
  // The secure webhook set-up script assigns Event Grid's service principal the subscriber role on the webhook's app.
  dir.assign(EVENT_GRID.servicePrincipalId, PORTAL_APP.servicePrincipalId, EVENT_GRID.subscriberRoleId, SEEDED_AT);
  // Admin consent (an AllPrincipals grant) for the portal's on-behalf-of calls to the APIs that want it.
  for (const app of RESOURCE_APPS.filter((a) => a.portalDelegation === 'admin-consent'))
    dir.grantDelegated(PORTAL_APP.servicePrincipalId, app.servicePrincipalId, 'user_impersonation');
  for (const name of PORTAL_GRAPH_PERMISSIONS)
    dir.assign(PORTAL_APP.servicePrincipalId, stableGuid('sp/microsoft-graph'), GRAPH_APP_ROLES[name]!, SEEDED_AT);
  // Delegated User.Read with admin consent (README, set-up): Roleport reads a signed-in user's own objects on their behalf.
  dir.grantDelegated(PORTAL_APP.servicePrincipalId, stableGuid('sp/microsoft-graph'), 'User.Read');
  for (const name of PORTAL_GRAPH_PERMISSIONS)
    dir.assign(ROLEPORT_MANAGED_IDENTITY.principalId, stableGuid('sp/microsoft-graph'), GRAPH_APP_ROLES[name]!, SEEDED_AT);
  for (const name of SETUP_GRAPH_PERMISSIONS)
    dir.assign(SETUP_APP.servicePrincipalId, stableGuid('sp/microsoft-graph'), GRAPH_APP_ROLES[name]!, SEEDED_AT);
  return dir;
}
