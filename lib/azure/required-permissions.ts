// Each Azure call Roleport makes, the permission it needs (Graph application permission or ARM RBAC action) and the
// feature that needs it. The README's permissions table lists exactly these rows (lib/azure/required-permissions.test.ts).
// Sources: each Graph v1.0 API page's "Permissions" table; "Azure built-in roles for Integration" and the
// Microsoft.ApiManagement resource provider operations for the RBAC actions.

export interface RequiredPermission {
  service: 'graph' | 'arm';
  /** The Graph application permission(s) or ARM RBAC action(s), as an administrator grants them. */
  permission: string;
  /** The calls that need it. */
  calls: string;
  /** What Roleport cannot do without it (completes "Roleport may not …"). */
  what: string;
  /** The features that need it, for the README. */
  features: string;
}

export const REQUIRED_PERMISSIONS = {
  'graph.readApplications': {
    service: 'graph',
    permission: 'Application.Read.All',
    calls:
      'GET /applications, /applications/{id}/owners, /servicePrincipals, /servicePrincipals/{id}/owners, /servicePrincipals/{id}/appRoleAssignedTo, /servicePrincipals/{id}/appRoleAssignments',
    what: 'read app registrations and who holds their roles',
    features: 'catalog sync, configuration doctor, who has what, my apps and requests for apps',
  },
  'graph.assignRoles': {
    service: 'graph',
    permission: 'AppRoleAssignment.ReadWrite.All',
    calls: 'POST, DELETE /servicePrincipals/{id}/appRoleAssignedTo; GET /users/{id}/appRoleAssignments',
    what: 'assign, read or remove app role assignments',
    features: 'grants (approval, revoke, expiry), reconciliation, my access',
  },
  'graph.readUsers': {
    service: 'graph',
    permission: 'User.Read.All',
    calls: 'GET /users, /users/{id}, /users/{id}/memberOf',
    what: 'read users and their groups',
    features: 'roles held through groups, studio preview as a user, product approver groups',
  },
  'graph.readGroups': {
    service: 'graph',
    permission: 'Group.Read.All',
    calls: 'GET /groups/{id}, /groups/{id}/members, /groups/{id}/appRoleAssignments',
    what: 'read groups and the roles they hold',
    features: 'catalog sync (group-held roles), group grants, product approver groups',
  },
  'graph.writeGroupMembers': {
    service: 'graph',
    permission: 'GroupMember.ReadWrite.All',
    calls: 'POST /groups/{id}/members/$ref, DELETE /groups/{id}/members/{id}/$ref',
    what: 'add or remove group members',
    features: 'group grants',
  },
  'graph.addAppRole': {
    service: 'graph',
    permission: 'Application.ReadWrite.OwnedBy (with Roleport an owner of the API app registration) or Application.ReadWrite.All',
    calls: 'PATCH /applications/{id}',
    what: "change the API's app registration",
    features: 'policy studio: add a role',
  },
  'graph.readDelegatedGrants': {
    service: 'graph',
    permission: 'DelegatedPermissionGrant.Read.All',
    calls: "GET /oauth2PermissionGrants?$filter=clientId eq '…'",
    what: "read Roleport's delegated permission grants",
    features: 'configuration doctor: which APIs the console can call',
  },
  'graph.sendMail': {
    service: 'graph',
    permission: 'Mail.Send',
    calls: 'POST /users/{id}/sendMail',
    what: 'send mail from the notifications mailbox',
    features: 'email notifications (with NOTIFY_MAIL_FROM)',
  },
  'arm.read': {
    service: 'arm',
    permission: 'Microsoft.ApiManagement/service/read, Microsoft.ApiManagement/service/*/read',
    calls: 'GET the service, products, APIs, operations, policies, named values, users and their subscriptions',
    what: 'read the API Management service',
    features: 'catalog sync, policy studio, drift, console',
  },
  'arm.writePolicies': {
    service: 'arm',
    permission:
      'Microsoft.ApiManagement/service/apis/policies/write, Microsoft.ApiManagement/service/apis/policies/delete, Microsoft.ApiManagement/service/apis/operations/policies/write, Microsoft.ApiManagement/service/apis/operations/policies/delete',
    calls: 'PUT, DELETE …/apis/{api}/policies/policy and …/operations/{op}/policies/policy',
    what: 'write API and operation policies',
    features: 'policy studio: apply, rollback',
  },
  'arm.listSecrets': {
    service: 'arm',
    permission: 'Microsoft.ApiManagement/service/subscriptions/listSecrets/action',
    calls: 'POST …/subscriptions/{sid}/listSecrets',
    what: "read the caller's subscription key",
    features: "console: the user's subscription key",
  },
  'arm.writeSubscriptions': {
    service: 'arm',
    permission:
      'Microsoft.ApiManagement/service/users/write, Microsoft.ApiManagement/service/subscriptions/write, Microsoft.ApiManagement/service/subscriptions/regeneratePrimaryKey/action, Microsoft.ApiManagement/service/subscriptions/regenerateSecondaryKey/action',
    calls:
      'PUT …/users/{uid}; PUT, PATCH …/subscriptions/{sid}; POST …/subscriptions/{sid}/regeneratePrimaryKey and regenerateSecondaryKey',
    what: "create developers' APIM users and product subscriptions, and regenerate their keys",
    features: 'product subscriptions: provisioning, cancel, key regeneration',
  },
} as const satisfies Record<string, RequiredPermission>;

export type PermissionKey = keyof typeof REQUIRED_PERMISSIONS;
