// The demo tenant's fixed identifiers: the directory seed, the APIM seed and the tests all refer to these.
export const TENANT_ID = '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34';
export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';
export const DEMO_PASSWORD = 'Roleport-demo-1';

export const USERS = {
  ada: {
    oid: '0a1d5c3e-1111-4a6b-8e21-000000000001',
    userPrincipalName: `ada@${TENANT_DOMAIN}`,
    displayName: 'Ada Lovelace',
    jobTitle: 'Developer',
  },
  ben: {
    oid: '0a1d5c3e-2222-4a6b-8e21-000000000002',
    userPrincipalName: `ben@${TENANT_DOMAIN}`,
    displayName: 'Ben Okafor',
    jobTitle: 'Developer',
  },
  olivia: {
    oid: '0a1d5c3e-3333-4a6b-8e21-000000000003',
    userPrincipalName: `olivia@${TENANT_DOMAIN}`,
    displayName: 'Olivia Owens',
    jobTitle: 'Orders API owner',
  },
  priya: {
    oid: '0a1d5c3e-4444-4a6b-8e21-000000000004',
    userPrincipalName: `priya@${TENANT_DOMAIN}`,
    displayName: 'Priya Natarajan',
    jobTitle: 'Platform admin',
  },
} as const;

export type DemoUserKey = keyof typeof USERS;

/**
 * The shared mailbox Roleport sends notifications from. Exchange Online creates a shared mailbox with a user account
 * whose sign-in is blocked (learn.microsoft.com/microsoft-365/admin/email/about-shared-mailboxes), so nobody signs in as it.
 */
export const NOTIFICATIONS_MAILBOX = {
  oid: '0a1d5c3e-9999-4a6b-8e21-000000000009',
  userPrincipalName: `roleport-notifications@${TENANT_DOMAIN}`,
  displayName: 'Roleport notifications',
} as const;

/** The local Teams incoming webhook's channel segment (`/_emulator/teams/<channel>`). */
export const TEAMS_CHANNEL = 'api-access';

/** The portal's own app registration (confidential client, exposes access_as_user, defines Portal.Admin). */
export const PORTAL_APP = {
  appId: '9d2c6f1a-5b7e-4c3d-a8f0-10000000000a',
  objectId: '9d2c6f1a-5b7e-4c3d-a8f0-20000000000a',
  servicePrincipalId: '9d2c6f1a-5b7e-4c3d-a8f0-30000000000a',
  displayName: 'Roleport',
  /** Entra's default App ID URI form, so the portal's scope follows from its client id alone. */
  identifierUri: 'api://9d2c6f1a-5b7e-4c3d-a8f0-10000000000a',
  clientSecret: 'roleport-local-secret-not-for-production',
  accessAsUserScopeId: '9d2c6f1a-5b7e-4c3d-a8f0-40000000000a',
  roles: { 'Portal.Admin': '9d2c6f1a-5b7e-4c3d-a8f0-50000000000a' },
  /** Callback URLs registered by default; more can be added with ROLEPORT_EMULATOR_REDIRECT_URIS. */
  redirectUris: ['http://localhost:3000/api/auth/callback/azure-ad'],
} as const;

/**
 * Azure Event Grid's first-party app ("Microsoft.EventGrid", learn.microsoft.com/azure/event-grid/secure-webhook-delivery)
 * and the app role a webhook's registration grants it, `AzureEventGridSecureWebhookSubscriber`, here on Roleport's app:
 * Event Grid delivers APIM events to Roleport with a token for that app carrying the role.
 */
/**
 * The Azure CLI's public client, Microsoft's app that `az login` and @azure/identity's DeviceCodeCredential sign users in
 * with (learn.microsoft.com/troubleshoot/entra/entra-id/governance/verify-first-party-apps-sign-in lists its app id).
 * Microsoft Graph and Azure Resource Manager pre-authorize it, so a user's `.default` token carries their scopes.
 */
export const AZURE_CLI = {
  appId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
  objectId: '04b07795-8ddb-461a-bbee-20000000000c',
  servicePrincipalId: '04b07795-8ddb-461a-bbee-30000000000c',
} as const;

export const EVENT_GRID = {
  appId: '4962773b-9cdb-44cf-a8bf-237846a00ab7',
  objectId: '4962773b-9cdb-44cf-a8bf-20000000000e',
  servicePrincipalId: '4962773b-9cdb-44cf-a8bf-30000000000e',
  subscriberRole: 'AzureEventGridSecureWebhookSubscriber',
  subscriberRoleId: '9d2c6f1a-5b7e-4c3d-a8f0-60000000000a',
} as const;

/** The platform team's automation identity: Contributor on the APIM service, so tests can act as an operator. */
export const OPERATOR_APP = {
  appId: '5e0a7c11-8f3d-4b2e-9a61-10000000000b',
  objectId: '5e0a7c11-8f3d-4b2e-9a61-20000000000b',
  servicePrincipalId: '5e0a7c11-8f3d-4b2e-9a61-30000000000b',
  displayName: 'Contoso APIM Operator',
  clientSecret: 'operator-local-secret-not-for-production',
} as const;

/**
 * The tenant administrators' automation identity that runs Roleport's set-up (`npm run setup:azure` with a client
 * secret): it may create app registrations and grant consent in Entra, and assign roles on the APIM service.
 */
export const SETUP_APP = {
  appId: '7c3e9a20-4d1b-4f6a-8b52-10000000000c',
  objectId: '7c3e9a20-4d1b-4f6a-8b52-20000000000c',
  servicePrincipalId: '7c3e9a20-4d1b-4f6a-8b52-30000000000c',
  displayName: 'Contoso Tenant Setup',
  clientSecret: 'setup-local-secret-not-for-production',
} as const;

/**
 * A user-assigned managed identity attached to the emulated host (App Service / Container Apps), granted what the
 * README documents for Roleport's identity, so Roleport's own ARM and Graph calls can run as it (AZURE_APP_CREDENTIAL=managed-identity).
 */
export const ROLEPORT_MANAGED_IDENTITY = {
  clientId: '2b8d4e6f-3a5c-4d7e-9f10-10000000000d',
  principalId: '2b8d4e6f-3a5c-4d7e-9f10-30000000000d',
  displayName: 'id-roleport',
} as const;

type RoleIds = Record<string, string>;
interface ResourceApp {
  key: string;
  appId: string;
  objectId: string;
  servicePrincipalId: string;
  displayName: string;
  identifierUri: string;
  /** Entra's `api.requestedAccessTokenVersion`: null/1 → v1 tokens, 2 → v2 tokens. */
  accessTokenVersion: 1 | 2;
  roles: RoleIds;
  /** Who may hold each role (Entra's allowedMemberTypes); a role not listed allows both people and applications. */
  memberTypes?: Record<string, ('User' | 'Application')[]>;
  owners: DemoUserKey[];
  /**
   * How the portal may call the API on behalf of users (the console's on-behalf-of exchange): admin consent to
   * its user_impersonation scope, the API pre-authorizing the portal for it, or nothing (the console is refused).
   */
  portalDelegation: 'admin-consent' | 'pre-authorized' | 'none';
}

export const ORDERS_APP: ResourceApp = {
  key: 'orders',
  appId: 'c4a8e2d0-0001-4f5e-9b3a-a00000000001',
  objectId: 'c4a8e2d0-0001-4f5e-9b3a-b00000000001',
  servicePrincipalId: 'c4a8e2d0-0001-4f5e-9b3a-c00000000001',
  displayName: 'Orders API',
  identifierUri: 'api://contoso-orders',
  accessTokenVersion: 2,
  roles: {
    'Orders.Read': 'c4a8e2d0-0001-4f5e-9b3a-d00000000001',
    'Orders.Write': 'c4a8e2d0-0001-4f5e-9b3a-d00000000002',
    'Orders.Admin': 'c4a8e2d0-0001-4f5e-9b3a-d00000000003',
    'Orders.Export': 'c4a8e2d0-0001-4f5e-9b3a-d00000000004',
    'Orders.Support': 'c4a8e2d0-0001-4f5e-9b3a-d00000000005',
  },
  memberTypes: { 'Orders.Export': ['Application'], 'Orders.Support': ['User'] },
  owners: ['olivia'],
  portalDelegation: 'admin-consent',
};

export const INVENTORY_APP: ResourceApp = {
  key: 'inventory',
  appId: 'c4a8e2d0-0002-4f5e-9b3a-a00000000002',
  objectId: 'c4a8e2d0-0002-4f5e-9b3a-b00000000002',
  servicePrincipalId: 'c4a8e2d0-0002-4f5e-9b3a-c00000000002',
  displayName: 'Inventory API',
  identifierUri: 'api://contoso-inventory',
  accessTokenVersion: 1,
  roles: {
    'Inventory.Read': 'c4a8e2d0-0002-4f5e-9b3a-d00000000001',
    'Inventory.Write': 'c4a8e2d0-0002-4f5e-9b3a-d00000000002',
    'Inventory.Admin': 'c4a8e2d0-0002-4f5e-9b3a-d00000000003',
  },
  owners: ['priya'],
  // Deliberately unconsented: the console explains AADSTS65001 and the doctor lists it.
  portalDelegation: 'none',
};

export const PAYMENTS_APP: ResourceApp = {
  key: 'payments',
  appId: 'c4a8e2d0-0003-4f5e-9b3a-a00000000003',
  objectId: 'c4a8e2d0-0003-4f5e-9b3a-b00000000003',
  servicePrincipalId: 'c4a8e2d0-0003-4f5e-9b3a-c00000000003',
  displayName: 'Payments API',
  identifierUri: 'api://contoso-payments',
  accessTokenVersion: 2,
  roles: {
    'Payments.Read': 'c4a8e2d0-0003-4f5e-9b3a-d00000000001',
    'Payments.Refund': 'c4a8e2d0-0003-4f5e-9b3a-d00000000002',
    'Payments.Admin': 'c4a8e2d0-0003-4f5e-9b3a-d00000000003',
  },
  owners: ['olivia'],
  portalDelegation: 'pre-authorized',
};

export const RESOURCE_APPS = [ORDERS_APP, INVENTORY_APP, PAYMENTS_APP] as const;

/**
 * Workloads developers own: client app registrations (confidential clients that call the APIs with client credentials)
 * with their service principals, owned by the developer in both places, as the app registration's creator is.
 */
export const CLIENT_APPS = [
  {
    key: 'nightlySync',
    appId: 'a7e3c1d9-0001-4b2f-8c6a-a00000000001',
    objectId: 'a7e3c1d9-0001-4b2f-8c6a-b00000000001',
    servicePrincipalId: 'a7e3c1d9-0001-4b2f-8c6a-c00000000001',
    displayName: 'nightly-sync',
    clientSecret: 'nightly-sync-local-secret-not-for-production',
    owners: ['ada'] as DemoUserKey[],
  },
] as const;

/**
 * A partner's multi-tenant app used in this tenant: its app registration lives in the partner's tenant, so this tenant
 * holds only its service principal, whose `appOwnerOrganizationId` is the partner's tenant ("the tenant ID where the
 * application is registered", learn.microsoft.com/graph/api/resources/serviceprincipal; one application object in its
 * home tenant, a service principal in each tenant that uses it, learn.microsoft.com/entra/identity-platform/
 * app-objects-and-service-principals). Ada owns the service principal here (enterprise app owners are this tenant's), so
 * it is among her owned objects, yet Roleport refuses requests for it.
 */
export const PARTNER_CLIENT_APP = {
  appId: 'b5d2f0e8-0001-4c3a-9d7b-a00000000001',
  servicePrincipalId: 'b5d2f0e8-0001-4c3a-9d7b-c00000000001',
  displayName: 'Fabrikam Invoice Sync',
  /** Fabrikam's tenant, where the app is registered. */
  homeTenantId: '2c8e4a61-5f3b-4d9e-8a17-0b6c9d2e4f70',
  owners: ['ada'] as DemoUserKey[],
} as const;

/** A workload's user-assigned managed identity: a service principal with no app registration and no owners. */
export const WORKLOAD_MANAGED_IDENTITY = {
  clientId: 'a7e3c1d9-0002-4b2f-8c6a-a00000000002',
  principalId: 'a7e3c1d9-0002-4b2f-8c6a-c00000000002',
  displayName: 'id-orders-reporting',
} as const;

/** A group that holds Inventory.Read, so group-inherited roles are part of the demo. */
export const GROUPS = {
  inventoryReaders: {
    id: 'e7f1a3b5-0001-4c2d-8e9f-000000000001',
    displayName: 'Inventory Readers',
    holds: { app: 'inventory', role: 'Inventory.Read' },
    members: ['ben'] as DemoUserKey[],
  },
  ordersWriters: {
    id: 'e7f1a3b5-0002-4c2d-8e9f-000000000002',
    displayName: 'Orders Writers',
    holds: { app: 'orders', role: 'Orders.Write' },
    members: [] as DemoUserKey[],
  },
} as const;

/** APIM service coordinates (the ARM SDK requires a GUID subscription id). */
export const APIM = {
  subscriptionId: '3f2b8c1d-7e4a-4b9c-a1d2-5e6f7a8b9c0d',
  resourceGroup: 'rg-roleport-demo',
  serviceName: 'contoso-apim',
} as const;

/** Direct app role assignments present at start (user → app → role). */
export const INITIAL_ASSIGNMENTS: { user: DemoUserKey; app: 'portal' | 'orders' | 'inventory' | 'payments'; role: string }[] = [
  { user: 'priya', app: 'portal', role: 'Portal.Admin' },
  { user: 'ben', app: 'orders', role: 'Orders.Write' },
];
